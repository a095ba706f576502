package org.civic.plugins.linkage110;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.civic.core.api.CivicException;
import org.civic.core.api.org.AuthenticationService;
import org.civic.core.api.org.Caller;
import org.civic.core.api.org.RegionCodes;
import org.civic.core.api.org.RememberedLogins;
import org.civic.core.api.workflow.WorkflowService;
import org.civic.core.rest.ApiSessions;

/**
 * The WeChat micro-platform's logins (spec §5.4 {@code wechat_login}, §10, A9; docs/linkage110.md decision
 * 15). The enterprise account's backend (role {@code wechat_partner}, one account per district) does WeChat's
 * OAuth itself and calls the platform with the identity it got:
 * <ul>
 * <li>{@link #login}: account, password and {@code wechatUserId}; only unit handlers of the partner's district.
 * Binds the identity to the user, remembers the login for 30 days of non-use and opens an API session;</li>
 * <li>{@link #resume}: {@code wechatUserId} and the remembered secret, no password: a new API session;</li>
 * <li>{@link #logout}: the WeChat cache was cleared; the remembered login ends.</li>
 * </ul>
 * The sessions are ordinary bearer tokens of the platform's REST API, so the micro-platform's lists, counts,
 * details and actions are the web's; their actions carry the audit channel {@code WECHAT}. The answer holds
 * the login reminder (§7: the unit's unfinished lists with their counts, zero lists omitted).
 */
final class WeChatLogins {

    static final String CHANNEL = "WECHAT";
    static final Duration REMEMBERED_FOR = Duration.ofDays(30);
    /** WeChat Work user ids have at most 64 characters. */
    private static final int MAX_IDENTITY = 64;
    /** The unit's lists of the login reminder (§7). */
    private static final List<String> REMINDER = List.of("to_process", "to_call_back", "unit_awaiting_archive");

    private final AuthenticationService authentication;
    private final RememberedLogins remembered;
    private final ApiSessions sessions;
    private final WorkflowService work;

    WeChatLogins(AuthenticationService authentication, RememberedLogins remembered, ApiSessions sessions,
            WorkflowService work) {
        this.authentication = authentication;
        this.remembered = remembered;
        this.sessions = sessions;
        this.work = work;
    }

    Map<String, Object> login(Caller partner, Map<String, Object> body) {
        requirePartner(partner);
        Map<String, Object> in = body == null ? Map.of() : body;
        String account = text(in, "account");
        String password = text(in, "password");
        String identity = identity(in);
        if (account == null || password == null || identity == null) {
            List<String> missing = new ArrayList<>();
            if (account == null) {
                missing.add("account");
            }
            if (password == null) {
                missing.add("password");
            }
            if (identity == null) {
                missing.add("wechatUserId");
            }
            throw CivicException.missingFields(missing);
        }
        Caller user;
        try {
            user = authentication.authenticate(account, password);
        } catch (CivicException e) {
            if ("BAD_CREDENTIALS".equals(e.code())) {
                throw CivicException.invalidValue("password", "Wrong account or password");
            }
            throw e;   // ACCOUNT_LOCKED stays what it is
        }
        if (!user.hasRole(Linkage110Line.HANDLER)) {
            throw CivicException.forbidden("The micro-platform is for the handling units' users (unit_handler)");
        }
        if (!RegionCodes.isWithin(user.regionCode(), partner.regionCode())) {
            throw CivicException.forbidden("The user belongs to another district's micro-platform");
        }
        RememberedLogins.Remembered r = remembered.remember(user, CHANNEL, identity, REMEMBERED_FOR);
        Map<String, Object> answer = session(user, r.endsIfUnused());
        answer.put("rememberToken", r.secret());
        return answer;
    }

    Map<String, Object> resume(Caller partner, Map<String, Object> body) {
        requirePartner(partner);
        Map<String, Object> in = body == null ? Map.of() : body;
        String identity = identity(in);
        String secret = text(in, "rememberToken");
        if (identity == null || secret == null) {
            List<String> missing = new ArrayList<>();
            if (identity == null) {
                missing.add("wechatUserId");
            }
            if (secret == null) {
                missing.add("rememberToken");
            }
            throw CivicException.missingFields(missing);
        }
        RememberedLogins.Resumed r = remembered.resume(CHANNEL, identity, secret);
        Caller user = r.caller();
        // The user may have moved to another unit or lost the role since: the remembered login ends.
        if (!user.hasRole(Linkage110Line.HANDLER) || !RegionCodes.isWithin(user.regionCode(), partner.regionCode())) {
            remembered.forget(CHANNEL, identity);
            throw new CivicException(401, "LOGIN_REQUIRED", "The remembered login has ended; log in with the password");
        }
        return session(user, r.endsIfUnused());
    }

    boolean logout(Caller partner, Map<String, Object> body) {
        requirePartner(partner);
        String identity = identity(body == null ? Map.of() : body);
        if (identity == null) {
            throw CivicException.missingField("wechatUserId");
        }
        return remembered.forget(CHANNEL, identity);
    }

    private Map<String, Object> session(Caller user, Instant rememberedUntil) {
        ApiSessions.Session s = sessions.open(user, CHANNEL);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("token", s.token());
        answer.put("tokenType", "Bearer");
        answer.put("idleTimeoutSeconds", s.idleTimeoutSeconds());
        answer.put("rememberedUntil", rememberedUntil.truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.ofHours(8))
                .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        answer.put("loginName", user.loginName());
        answer.put("displayName", user.displayName());
        answer.put("unitId", user.unitId());
        answer.put("unitName", user.unitName());
        Map<String, Long> counts = work.worklistCounts(user, Linkage110Line.LINE);
        Map<String, Long> reminder = new LinkedHashMap<>();
        for (String list : REMINDER) {
            Long n = counts.get(list);
            if (n != null && n > 0) {
                reminder.put(list, n);
            }
        }
        answer.put("reminder", reminder);
        return answer;
    }

    private static void requirePartner(Caller partner) {
        if (!partner.hasRole(Linkage110Line.WECHAT_PARTNER)) {
            throw CivicException.forbidden("Only the WeChat enterprise account's backend (wechat_partner) calls this");
        }
    }

    private static String identity(Map<String, Object> in) {
        String id = text(in, "wechatUserId");
        if (id != null && id.length() > MAX_IDENTITY) {
            throw CivicException.invalidValue("wechatUserId", "A WeChat user id has at most 64 characters");
        }
        return id;
    }

    private static String text(Map<String, Object> in, String field) {
        Object v = in.get(field);
        if (v == null) {
            return null;
        }
        if (!(v instanceof String s)) {
            throw CivicException.invalidValue(field, "A text is expected");
        }
        return s.isBlank() ? null : s;
    }
}
