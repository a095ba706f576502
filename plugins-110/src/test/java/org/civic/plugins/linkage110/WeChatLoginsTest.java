package org.civic.plugins.linkage110;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.civic.core.api.org.Caller;
import org.civic.core.api.workflow.ItemView;
import org.civic.core.rest.ApiSessions;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * Spec §11 scenario 29 and A9 on the real kernel and the core's real authentication and remembered logins:
 * the micro-platform's login, the remembered login (30 days sliding), the roles it serves, the password change
 * that ends it. The API sessions are recorded instead of issued (the REST layer's part is in Linkage110IT).
 */
public class WeChatLoginsTest {

    private Linkage110Fixture f;
    private final List<String> opened = new ArrayList<>();
    private WeChatLogins wechat;

    @Before
    public void setUp() {
        f = new Linkage110Fixture();
        ApiSessions sessions = (caller, channel) -> {
            opened.add(caller.loginName() + "/" + channel);
            return new ApiSessions.Session("token-" + opened.size(), 1800);
        };
        wechat = new WeChatLogins(f.authentication, f.remembered, sessions, f.kernel);
    }

    @After
    public void tearDown() throws Exception {
        f.close();
    }

    @Test
    public void scenario29AUnitHandlerLogsInOnceAndIsRememberedUntilThePasswordChanges() {
        long a14 = f.draft().id();
        f.at("2026-03-02 10:00");
        f.act(f.tianjing, a14, "dispatch", "handlingUnitIds", List.of(f.zyl.id()));

        Map<String, Object> login = wechat.login(f.wechat, Linkage110Fixture.in("account", "baiyun",
                "password", "Linkage2026", "wechatUserId", "wx-baiyun"));
        assertEquals(List.of("baiyun/WECHAT"), opened);
        assertEquals("token-1", login.get("token"));
        assertEquals("白云", login.get("displayName"));
        assertEquals("2026-04-01T10:00:00+08:00", login.get("rememberedUntil"));
        // the login reminder: the same counts as the web's lists, zero lists omitted
        assertEquals(Map.of("to_process", 1L), login.get("reminder"));
        assertEquals(f.kernel.worklistCounts(f.baiyun, Linkage110Line.LINE).get("to_process"),
                ((Map<?, ?>) login.get("reminder")).get("to_process"));
        String remember = (String) login.get("rememberToken");
        assertNotNull(remember);

        // the next day, and 29 days after that: no password
        f.at("2026-03-03 09:00");
        Map<String, Object> next = wechat.resume(f.wechat, Linkage110Fixture.in("wechatUserId", "wx-baiyun",
                "rememberToken", remember));
        assertEquals("token-2", next.get("token"));
        assertEquals("2026-04-02T09:00:00+08:00", next.get("rememberedUntil"));
        assertEquals(List.of("baiyun/WECHAT", "baiyun/WECHAT"), opened);
        f.at("2026-04-01 09:00");
        wechat.resume(f.wechat, Linkage110Fixture.in("wechatUserId", "wx-baiyun", "rememberToken", remember));

        // 白云 changes her password on the web: WeChat asks for the password again
        Caller baiyun = f.authentication.authenticate("baiyun", "Linkage2026");
        f.authentication.changePassword(baiyun, "Linkage2026", "Baiyun2026x", "Baiyun2026x");
        f.refused("LOGIN_REQUIRED", () -> wechat.resume(f.wechat,
                Linkage110Fixture.in("wechatUserId", "wx-baiyun", "rememberToken", remember)));
        f.refused("INVALID_VALUE:password", () -> wechat.login(f.wechat, Linkage110Fixture.in("account", "baiyun",
                "password", "Linkage2026", "wechatUserId", "wx-baiyun")));
        assertNotNull(wechat.login(f.wechat, Linkage110Fixture.in("account", "baiyun", "password", "Baiyun2026x",
                "wechatUserId", "wx-baiyun")).get("rememberToken"));
    }

    @Test
    public void thirtyDaysUnusedEndTheRememberedLogin() {
        String remember = (String) wechat.login(f.wechat, Linkage110Fixture.in("account", "baiyun",
                "password", "Linkage2026", "wechatUserId", "wx-baiyun")).get("rememberToken");
        f.clock.now = f.clock.now.plus(Duration.ofDays(30));
        wechat.resume(f.wechat, Linkage110Fixture.in("wechatUserId", "wx-baiyun", "rememberToken", remember));
        f.clock.now = f.clock.now.plus(Duration.ofDays(30).plusSeconds(1));
        f.refused("LOGIN_REQUIRED", () -> wechat.resume(f.wechat,
                Linkage110Fixture.in("wechatUserId", "wx-baiyun", "rememberToken", remember)));
    }

    @Test
    public void onlyUnitHandlersOfThePartnersDistrictAndNothingWrittenOnRefusal() {
        f.refused("FORBIDDEN", () -> wechat.login(f.wechat, Linkage110Fixture.in("account", "tianjing",
                "password", "Linkage2026", "wechatUserId", "wx-tianjing")));
        f.refused("FORBIDDEN", () -> wechat.login(f.wechat, Linkage110Fixture.in("account", "gongping",
                "password", "Linkage2026", "wechatUserId", "wx-gongping")));
        f.refused("INVALID_VALUE:password", () -> wechat.login(f.wechat, Linkage110Fixture.in("account", "baiyun",
                "password", "wrong2026", "wechatUserId", "wx-baiyun")));
        f.refused("INVALID_VALUE:password", () -> wechat.login(f.wechat, Linkage110Fixture.in("account", "nobody",
                "password", "Linkage2026", "wechatUserId", "wx-baiyun")));
        f.refused("MISSING_FIELD:account", () -> wechat.login(f.wechat, Linkage110Fixture.in("password", "x")));
        f.refused("MISSING_FIELD:wechatUserId", () -> wechat.login(f.wechat, Linkage110Fixture.in("account", "baiyun",
                "password", "Linkage2026")));
        f.refused("INVALID_VALUE:wechatUserId", () -> wechat.login(f.wechat, Linkage110Fixture.in("account", "baiyun",
                "password", "Linkage2026", "wechatUserId", "w".repeat(65))));
        // another district's backend, or any other account, cannot log 城关区's handlers in
        f.refused("FORBIDDEN", () -> wechat.login(f.foreignWechat, Linkage110Fixture.in("account", "baiyun",
                "password", "Linkage2026", "wechatUserId", "wx-baiyun")));
        f.refused("FORBIDDEN", () -> wechat.login(f.baiyun, Linkage110Fixture.in("account", "baiyun",
                "password", "Linkage2026", "wechatUserId", "wx-baiyun")));
        f.refused("FORBIDDEN", () -> wechat.resume(f.ivr, Linkage110Fixture.in("wechatUserId", "wx-baiyun",
                "rememberToken", "x")));
        assertTrue("no session was opened for a refused login", opened.isEmpty());
        assertEquals(0L, (long) f.emf.createEntityManager()
                .createQuery("SELECT COUNT(r) FROM RememberedLoginEntity r", Long.class).getSingleResult());
        f.refused("LOGIN_REQUIRED", () -> wechat.resume(f.wechat, Linkage110Fixture.in("wechatUserId", "wx-baiyun",
                "rememberToken", "guess")));
        f.refused("MISSING_FIELD:rememberToken", () -> wechat.resume(f.wechat,
                Linkage110Fixture.in("wechatUserId", "wx-baiyun")));
    }

    @Test
    public void logoutEndsTheRememberedLoginAndANewBindingReplacesTheOld() {
        String first = (String) wechat.login(f.wechat, Linkage110Fixture.in("account", "baiyun",
                "password", "Linkage2026", "wechatUserId", "wx-shared")).get("rememberToken");
        // the same WeChat identity logs in as 白雪: 白云's remembered login on it ends
        String second = (String) wechat.login(f.wechat, Linkage110Fixture.in("account", "baixue",
                "password", "Linkage2026", "wechatUserId", "wx-shared")).get("rememberToken");
        f.refused("LOGIN_REQUIRED", () -> wechat.resume(f.wechat,
                Linkage110Fixture.in("wechatUserId", "wx-shared", "rememberToken", first)));
        assertEquals("baixue", wechat.resume(f.wechat,
                Linkage110Fixture.in("wechatUserId", "wx-shared", "rememberToken", second)).get("loginName"));
        assertTrue(wechat.logout(f.wechat, Linkage110Fixture.in("wechatUserId", "wx-shared")));
        assertFalse(wechat.logout(f.wechat, Linkage110Fixture.in("wechatUserId", "wx-shared")));
        f.refused("LOGIN_REQUIRED", () -> wechat.resume(f.wechat,
                Linkage110Fixture.in("wechatUserId", "wx-shared", "rememberToken", second)));
    }

    @Test
    public void actionsThroughTheWeChatChannelAreAuditedAsWechat() {
        long a14 = f.draft().id();
        f.at("2026-03-02 10:00");
        f.act(f.tianjing, a14, "dispatch", "handlingUnitIds", List.of(f.zyl.id()));
        // what the REST layer does with a WECHAT session's request (CallerPrincipal.channelOf)
        ItemView v = f.kernel.act(f.baiyun, a14, "sign", Linkage110Fixture.in(), null, WeChatLogins.CHANNEL);
        ItemView.AuditEntry last = v.auditTrail().get(v.auditTrail().size() - 1);
        assertEquals("sign", last.action());
        assertEquals("WECHAT", last.channel());
    }
}
