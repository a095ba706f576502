package org.civic.core.internal.security;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.List;

import javax.persistence.EntityManagerFactory;

import org.civic.core.api.CivicException;
import org.civic.core.api.org.Caller;
import org.civic.core.api.org.RegionInput;
import org.civic.core.api.org.RememberedLogins;
import org.civic.core.api.org.Unit;
import org.civic.core.api.org.UnitInput;
import org.civic.core.api.org.User;
import org.civic.core.api.org.UserInput;
import org.civic.core.api.org.UserStatus;
import org.civic.core.internal.ExtensionRegistry;
import org.civic.core.internal.TestSupport;
import org.civic.core.internal.org.OrganizationServiceImpl;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * Password login, lock-out (platform-config.md §5.1 login, PC-18, docs/decisions.md 7 and 8) and
 * password change, against a real OpenJPA database. Every login verifies a PBKDF2 hash (~0.1–0.2 s),
 * so the tests keep the number of attempts small.
 */
public class AuthenticationServiceImplTest {

    private static final String PASSWORD = "Baiyun2026";

    private EntityManagerFactory emf;
    private TestSupport.TestClock clock;
    private OrganizationServiceImpl org;
    private AuthenticationServiceImpl auth;
    private User baiyun;
    private final Caller root = TestSupport.globalAdmin();

    @Before
    public void setUp() {
        emf = TestSupport.database();
        clock = new TestSupport.TestClock();
        CredentialCache cache = new CredentialCache();
        org = new OrganizationServiceImpl(emf, clock, new TestSupport.RecordingEvents(), new ExtensionRegistry(), cache);
        org.createRegion(root, new RegionInput("620000", "甘肃省", "PROVINCE", null, null, null, null));
        Unit unit = org.createUnit(root, new UnitInput("甘肃省某局", null, "DEPARTMENT", "620000", null, null, null, null, null));
        baiyun = org.createUser(root, new UserInput("baiyun", "白云", PASSWORD, unit.id(), List.of("staff"), null, null, null));
        auth = new AuthenticationServiceImpl(emf, clock, cache, TestSupport.config(false, false));
    }

    @After
    public void tearDown() {
        emf.close();
    }

    @Test
    public void rightPasswordReturnsTheCaller() {
        Caller caller = auth.authenticate("baiyun", PASSWORD);
        assertEquals(baiyun.id(), caller.userId());
        assertEquals("baiyun", caller.loginName());
        assertEquals("白云", caller.displayName());
        assertEquals(baiyun.unitId(), caller.unitId());
        assertEquals("甘肃省某局", caller.unitName());
        assertEquals("620000", caller.regionCode());
        assertTrue(caller.hasRole("staff"));
        assertFalse(caller.isGlobalAdmin());
        assertNotNull("the login is recorded", org.getUser(root, baiyun.id()).lastLoginAt());
        // Surrounding blanks of the login name are ignored.
        assertEquals(baiyun.id(), auth.authenticate(" baiyun ", PASSWORD).userId());
    }

    @Test
    public void wrongPasswordOrUnknownLoginIsBadCredentials() {
        expect401("BAD_CREDENTIALS", () -> auth.authenticate("baiyun", "Wrong2026"));
        expect401("BAD_CREDENTIALS", () -> auth.authenticate("baiyun", "baiyun2026"));
        expect401("BAD_CREDENTIALS", () -> auth.authenticate("nobody", PASSWORD));
        expect401("BAD_CREDENTIALS", () -> auth.authenticate("baiyun", ""));
        expect401("BAD_CREDENTIALS", () -> auth.authenticate("baiyun", null));
        expect401("BAD_CREDENTIALS", () -> auth.authenticate(null, PASSWORD));
        assertNull("a failed login is not a login", org.getUser(root, baiyun.id()).lastLoginAt());
    }

    @Test
    public void fiveFailuresLockForThirtyMinutes() {
        for (int i = 0; i < 4; i++) {
            expect401("BAD_CREDENTIALS", () -> auth.authenticate("baiyun", "wrong"));
        }
        expect401("ACCOUNT_LOCKED", () -> auth.authenticate("baiyun", "wrong"));
        assertEquals(UserStatus.LOCKED, org.getUser(root, baiyun.id()).status());
        // While locked even the right password is refused.
        expect401("ACCOUNT_LOCKED", () -> auth.authenticate("baiyun", PASSWORD));
        clock.advance(Duration.ofMinutes(29));
        expect401("ACCOUNT_LOCKED", () -> auth.authenticate("baiyun", PASSWORD));
        clock.advance(Duration.ofMinutes(2));
        assertEquals("baiyun", auth.authenticate("baiyun", PASSWORD).loginName());
        assertEquals("a successful login ends the lock", UserStatus.ACTIVE, org.getUser(root, baiyun.id()).status());
    }

    @Test
    public void afterTheLockTheFailureCountStartsAgain() {
        for (int i = 0; i < 4; i++) {
            expect401("BAD_CREDENTIALS", () -> auth.authenticate("baiyun", "wrong"));
        }
        expect401("ACCOUNT_LOCKED", () -> auth.authenticate("baiyun", "wrong"));
        // Failures while locked do not extend the lock.
        clock.advance(Duration.ofMinutes(20));
        expect401("ACCOUNT_LOCKED", () -> auth.authenticate("baiyun", "wrong"));
        clock.advance(Duration.ofMinutes(11));
        // Lock over: one wrong password is only a bad credential, not a new lock.
        expect401("BAD_CREDENTIALS", () -> auth.authenticate("baiyun", "wrong"));
        assertEquals(baiyun.id(), auth.authenticate("baiyun", PASSWORD).userId());
    }

    @Test
    public void aSuccessfulLoginResetsTheFailureCount() {
        for (int i = 0; i < 4; i++) {
            expect401("BAD_CREDENTIALS", () -> auth.authenticate("baiyun", "wrong"));
        }
        auth.authenticate("baiyun", PASSWORD);
        // Had the count not been reset, this fifth failure would lock the account.
        expect401("BAD_CREDENTIALS", () -> auth.authenticate("baiyun", "wrong"));
        assertEquals(UserStatus.ACTIVE, org.getUser(root, baiyun.id()).status());
    }

    @Test
    public void lockAppliesEvenAfterARecentSuccessfulLogin() {
        auth.authenticate("baiyun", PASSWORD);
        for (int i = 0; i < 4; i++) {
            expect401("BAD_CREDENTIALS", () -> auth.authenticate("baiyun", "wrong"));
        }
        expect401("ACCOUNT_LOCKED", () -> auth.authenticate("baiyun", "wrong"));
        expect401("ACCOUNT_LOCKED", () -> auth.authenticate("baiyun", PASSWORD));
    }

    @Test
    public void disablingAUserEndsTheirLogins() {
        auth.authenticate("baiyun", PASSWORD);
        org.updateUser(root, baiyun.id(), new UserInput(null, null, null, null, null, null, "DISABLED", null));
        expect401("BAD_CREDENTIALS", () -> auth.authenticate("baiyun", PASSWORD));
        assertNull(auth.findActiveCaller("baiyun"));
    }

    @Test
    public void changePasswordRules() {
        Caller caller = auth.authenticate("baiyun", PASSWORD);
        expect400("MISSING_FIELD:oldPassword", () -> auth.changePassword(caller, "", "Newpass2026", "Newpass2026"));
        expect400("MISSING_FIELD:newPassword", () -> auth.changePassword(caller, PASSWORD, null, null));
        expect400("INVALID_VALUE:oldPassword", () -> auth.changePassword(caller, "Wrong2026", "Newpass2026", "Newpass2026"));
        // The old password is checked first (linkage-110 §5.4), whatever the new one is.
        expect400("INVALID_VALUE:oldPassword", () -> auth.changePassword(caller, "Wrong2026", "12345678", "x"));
        expect400("INVALID_VALUE:newPassword", () -> auth.changePassword(caller, PASSWORD, "12345678", "12345678"));
        expect400("INVALID_VALUE:newPassword", () -> auth.changePassword(caller, PASSWORD, "abcdefgh", "abcdefgh"));
        expect400("INVALID_VALUE:newPassword", () -> auth.changePassword(caller, PASSWORD, PASSWORD, PASSWORD));
        expect400("INVALID_VALUE:confirmPassword", () -> auth.changePassword(caller, PASSWORD, "Newpass2026", "Newpass2027"));
        expect400("INVALID_VALUE:confirmPassword", () -> auth.changePassword(caller, PASSWORD, "Newpass2026", null));
        // None of the refused changes took effect.
        User unchanged = org.getUser(root, baiyun.id());
        assertTrue(unchanged.mustChangePassword());
        assertEquals(baiyun.id(), auth.authenticate("baiyun", PASSWORD).userId());
    }

    @Test
    public void newPasswordWorksAfterAChange() {
        Caller caller = auth.authenticate("baiyun", PASSWORD);
        long audit = TestSupport.count(emf, "AuditEntryEntity");
        auth.changePassword(caller, PASSWORD, "Newpass2026", "Newpass2026");
        assertEquals("the change is audited", audit + 1, TestSupport.count(emf, "AuditEntryEntity"));
        assertFalse(org.getUser(root, baiyun.id()).mustChangePassword());
        assertEquals("baiyun", auth.authenticate("baiyun", "Newpass2026").loginName());
        // The old password, verified (and remembered) a moment ago, no longer works.
        expect401("BAD_CREDENTIALS", () -> auth.authenticate("baiyun", PASSWORD));
    }

    @Test
    public void changePasswordAcceptsWhatThePolicyAccepts() {
        Caller caller = auth.authenticate("baiyun", PASSWORD);
        String longPassword = "Gansu2026" + "x".repeat(31);   // 40 characters: letters and digits
        assertTrue(PasswordHasher.meetsPolicy(longPassword));
        auth.changePassword(caller, PASSWORD, longPassword, longPassword);
        assertEquals(baiyun.id(), auth.authenticate("baiyun", longPassword).userId());
    }

    @Test
    public void rememberedLoginsSlideForThirtyDaysAndEndWithAPasswordChange() {
        RememberedLoginsImpl remembered = new RememberedLoginsImpl(emf, clock);
        Caller caller = auth.authenticate("baiyun", PASSWORD);
        Duration idle = Duration.ofDays(30);
        RememberedLogins.Remembered r = remembered.remember(caller, "WECHAT", "wx-baiyun", idle);
        assertEquals(clock.now().plus(idle), r.endsIfUnused());
        assertEquals(baiyun.id(), remembered.resume("WECHAT", "wx-baiyun", r.secret()).caller().userId());
        // wrong secret, wrong identity, wrong channel: the client must ask for the password
        expect401("LOGIN_REQUIRED", () -> remembered.resume("WECHAT", "wx-baiyun", "guess"));
        expect401("LOGIN_REQUIRED", () -> remembered.resume("WECHAT", "wx-other", r.secret()));
        expect401("LOGIN_REQUIRED", () -> remembered.resume("APP", "wx-baiyun", r.secret()));
        // sliding: 29 days, then 29 more, still remembered; a setback of the clock counts as no idle time
        clock.advance(Duration.ofDays(29));
        remembered.resume("WECHAT", "wx-baiyun", r.secret());
        clock.advance(Duration.ofDays(29));
        RememberedLogins.Resumed again = remembered.resume("WECHAT", "wx-baiyun", r.secret());
        assertEquals(clock.now().plus(idle), again.endsIfUnused());
        clock.advance(Duration.ofDays(-3));
        remembered.resume("WECHAT", "wx-baiyun", r.secret());
        // 30 days and a minute unused: ended for good
        clock.advance(Duration.ofDays(33).plusMinutes(1));
        expect401("LOGIN_REQUIRED", () -> remembered.resume("WECHAT", "wx-baiyun", r.secret()));
        clock.advance(Duration.ofDays(-30));
        expect401("LOGIN_REQUIRED", () -> remembered.resume("WECHAT", "wx-baiyun", r.secret()));

        // a new login of the identity replaces the old secret; a password change ends both identities
        RememberedLogins.Remembered first = remembered.remember(caller, "WECHAT", "wx-baiyun", idle);
        RememberedLogins.Remembered second = remembered.remember(caller, "WECHAT", "wx-baiyun", idle);
        RememberedLogins.Remembered tablet = remembered.remember(caller, "WECHAT", "wx-baiyun-2", idle);
        expect401("LOGIN_REQUIRED", () -> remembered.resume("WECHAT", "wx-baiyun", first.secret()));
        remembered.resume("WECHAT", "wx-baiyun", second.secret());
        expect400("INVALID_VALUE:oldPassword", () -> auth.changePassword(caller, "Wrong2026", "Newpass2026", "Newpass2026"));
        remembered.resume("WECHAT", "wx-baiyun", second.secret());
        auth.changePassword(caller, PASSWORD, "Newpass2026", "Newpass2026");
        expect401("LOGIN_REQUIRED", () -> remembered.resume("WECHAT", "wx-baiyun", second.secret()));
        expect401("LOGIN_REQUIRED", () -> remembered.resume("WECHAT", "wx-baiyun-2", tablet.secret()));

        // forgotten by the client; disabled users cannot resume
        RememberedLogins.Remembered third = remembered.remember(caller, "WECHAT", "wx-baiyun", idle);
        assertTrue(remembered.forget("WECHAT", "wx-baiyun"));
        assertFalse(remembered.forget("WECHAT", "wx-baiyun"));
        expect401("LOGIN_REQUIRED", () -> remembered.resume("WECHAT", "wx-baiyun", third.secret()));
        RememberedLogins.Remembered fourth = remembered.remember(caller, "WECHAT", "wx-baiyun", idle);
        org.updateUser(root, baiyun.id(), new UserInput(null, null, null, null, null, null, "DISABLED", null));
        expect401("LOGIN_REQUIRED", () -> remembered.resume("WECHAT", "wx-baiyun", fourth.secret()));
    }

    @Test
    public void aRememberedLoginPersistsAcrossServiceInstances() {
        Caller caller = auth.authenticate("baiyun", PASSWORD);
        String secret = new RememberedLoginsImpl(emf, clock).remember(caller, "WECHAT", "wx", Duration.ofDays(30)).secret();
        // a restart: a new service over the same database
        assertEquals("baiyun", new RememberedLoginsImpl(emf, clock).resume("WECHAT", "wx", secret).caller().loginName());
        assertEquals("only a hash is stored", 0L, (long) emf.createEntityManager()
                .createQuery("SELECT COUNT(r) FROM RememberedLoginEntity r WHERE r.secretHash = :s", Long.class)
                .setParameter("s", secret).getSingleResult());
    }

    private static void expect401(String code, Runnable r) {
        assertEquals(401, TestSupport.refused(code, r).status());
    }

    private static void expect400(String code, Runnable r) {
        CivicException e = TestSupport.refused(code, r);
        assertEquals(400, e.status());
    }
}
