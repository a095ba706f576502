package org.civic.core.internal.security;

import java.util.LinkedHashSet;
import java.util.Objects;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;

import org.civic.core.api.CivicException;
import org.civic.core.api.PlatformClock;
import org.civic.core.api.org.AuthenticationService;
import org.civic.core.api.org.Caller;
import org.civic.core.api.org.UserStatus;
import org.civic.core.internal.CoreConfig;
import org.civic.core.internal.org.Mapping;
import org.civic.core.internal.org.OrganizationServiceImpl;
import org.civic.core.internal.persistence.AuditLog;
import org.civic.core.internal.persistence.Tx;
import org.civic.core.internal.persistence.UnitEntity;
import org.civic.core.internal.persistence.UserEntity;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Password login against the platform's users, with the lock-out policy of platform-config.md
 * (login.maxFailedAttempts failures lock the account for login.lockMinutes).
 */
@Component(service = AuthenticationService.class, configurationPid = CoreConfig.PID)
@Designate(ocd = CoreConfig.class)
public class AuthenticationServiceImpl implements AuthenticationService {

    private static final Logger LOG = LoggerFactory.getLogger(AuthenticationServiceImpl.class);

    private enum Outcome { OK, BAD, LOCKED }

    private record Result(Outcome outcome, Caller caller) {
    }

    private final Tx tx;
    private final PlatformClock clock;
    private final CredentialCache cache;
    private final PasswordHasher hasher = new PasswordHasher();
    /** Verified against when the login is unknown, so that unknown and known logins take as long. */
    private final String dummyHash = hasher.hash("not-a-password-1");
    private volatile CoreConfig config;

    @Activate
    public AuthenticationServiceImpl(@Reference(target = "(osgi.unit.name=civic)") EntityManagerFactory emf,
            @Reference PlatformClock clock, @Reference CredentialCache cache, CoreConfig config) {
        this.tx = new Tx(emf);
        this.clock = clock;
        this.cache = cache;
        this.config = config;
    }

    @Modified
    void modified(CoreConfig config) {
        this.config = config;
    }

    @Override
    public Caller authenticate(String loginName, String password) {
        if (loginName == null || loginName.isBlank() || password == null || password.isEmpty()) {
            throw badCredentials();
        }
        String login = loginName.trim();
        long now = clock.now().toEpochMilli();
        // The cache runs on system time: moving the platform clock in a test must not expire or revive logins.
        long systemNow = System.currentTimeMillis();
        Caller cached = cache.get(login, password, systemNow);
        if (cached != null) {
            return cached;
        }
        Result result;
        try {
            result = tx.run(em -> check(em, login, password, now));
        } catch (CivicException e) {
            // A concurrent login changed the same counters: treat as a failed attempt, not an error.
            throw badCredentials();
        }
        if (result.outcome() != Outcome.OK) {
            // A remembered success must not outlive a failure: once the account locks, even the
            // right password answers ACCOUNT_LOCKED.
            cache.evict(login);
        }
        switch (result.outcome()) {
            case LOCKED:
                throw new CivicException(401, "ACCOUNT_LOCKED",
                        "The account is locked after repeated failed logins; try again later");
            case BAD:
                throw badCredentials();
            default:
                cache.put(login, password, result.caller(), systemNow);
                return result.caller();
        }
    }

    private Result check(EntityManager em, String login, String password, long now) {
        UserEntity user = OrganizationServiceImpl.findUser(em, login);
        if (user == null) {
            hasher.verify(password, dummyHash);
            return new Result(Outcome.BAD, null);
        }
        if (UserStatus.DISABLED.name().equals(user.getStatus())) {
            return new Result(Outcome.BAD, null);
        }
        if (user.getLockedUntil() > now) {
            return new Result(Outcome.LOCKED, null);
        }
        if (!hasher.verify(password, user.getPasswordHash())) {
            int failures = user.getFailedAttempts() + 1;
            if (failures >= config.login_maxFailedAttempts()) {
                user.setFailedAttempts(0);
                user.setLockedUntil(now + config.login_lockMinutes() * 60_000L);
                user.setStatus(UserStatus.LOCKED.name());
                AuditLog.record(em, now, login, "account_locked", "user", login,
                        java.util.Map.of("failedAttempts", failures));
                LOG.warn("Account {} locked for {} minutes after {} failed logins", login,
                        config.login_lockMinutes(), failures);
                return new Result(Outcome.LOCKED, null);
            }
            user.setFailedAttempts(failures);
            return new Result(Outcome.BAD, null);
        }
        user.setFailedAttempts(0);
        user.setLockedUntil(0);
        if (UserStatus.LOCKED.name().equals(user.getStatus())) {
            user.setStatus(UserStatus.ACTIVE.name());
        }
        user.setLastLoginAt(now);
        return new Result(Outcome.OK, toCaller(em, user));
    }

    @Override
    public Caller findActiveCaller(String loginName) {
        return tx.read(em -> {
            UserEntity user = OrganizationServiceImpl.findUser(em, loginName);
            if (user == null || !UserStatus.ACTIVE.name().equals(user.getStatus())) {
                return null;
            }
            return toCaller(em, user);
        });
    }

    /**
     * Checks in the spec's order (linkage-110 §5.4): the old password first, so that a wrong one answers
     * {@code INVALID_VALUE:oldPassword} whatever the new one is; then the platform's policy (8–64 characters
     * with letters and digits, docs/decisions.md 7 and 34), a new password that differs from the old, and
     * the confirmation. In one transaction with the user's remembered logins ending (A9): a refusal writes
     * nothing.
     */
    @Override
    public void changePassword(Caller caller, String oldPassword, String newPassword, String confirmPassword) {
        if (oldPassword == null || oldPassword.isEmpty()) {
            throw CivicException.missingField("oldPassword");
        }
        if (newPassword == null || newPassword.isEmpty()) {
            throw CivicException.missingField("newPassword");
        }
        tx.run(em -> {
            UserEntity user = em.find(UserEntity.class, caller.userId());
            if (!hasher.verify(oldPassword, user.getPasswordHash())) {
                throw CivicException.invalidValue("oldPassword", "The old password is wrong");
            }
            if (!PasswordHasher.meetsPolicy(newPassword)) {
                throw CivicException.invalidValue("newPassword",
                        "A password has 8 to 64 characters and contains letters and digits");
            }
            if (newPassword.equals(oldPassword)) {
                throw CivicException.invalidValue("newPassword", "The new password must differ from the old one");
            }
            if (!Objects.equals(newPassword, confirmPassword)) {
                throw CivicException.invalidValue("confirmPassword", "The confirmation differs from the new password");
            }
            long now = clock.now().toEpochMilli();
            user.setPasswordHash(hasher.hash(newPassword));
            user.setMustChangePassword(false);
            user.setPasswordChangedAt(now);
            user.setUpdatedAt(now);
            user.setUpdatedBy(caller.loginName());
            int remembered = RememberedLoginsImpl.endAllOf(em, user.getId());
            AuditLog.record(em, now, caller.loginName(), "change_password", "user", caller.loginName(),
                    remembered == 0 ? null : java.util.Map.of("rememberedLoginsEnded", remembered));
            return null;
        });
        cache.evict(caller.loginName());
    }

    static Caller toCaller(EntityManager em, UserEntity user) {
        UnitEntity unit = em.find(UnitEntity.class, user.getUnitId());
        return new Caller(user.getId(), user.getLoginName(), user.getDisplayName(), unit.getId(), unit.getName(),
                unit.getRegionCode(), new LinkedHashSet<>(Mapping.splitList(user.getRoles())));
    }

    private static CivicException badCredentials() {
        return new CivicException(401, "BAD_CREDENTIALS", "Wrong login name or password");
    }
}
