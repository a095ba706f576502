package org.civic.core.internal.security;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.List;

import javax.persistence.EntityManagerFactory;

import org.civic.core.api.org.Caller;
import org.civic.core.api.org.RegionInput;
import org.civic.core.api.org.Unit;
import org.civic.core.api.org.UnitInput;
import org.civic.core.api.org.UserInput;
import org.civic.core.internal.ExtensionRegistry;
import org.civic.core.internal.TestSupport;
import org.civic.core.internal.org.OrganizationServiceImpl;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/** Password login, lock-out (PC-18) and password change (110 scenario 30). */
public class AuthenticationServiceImplTest {

    private EntityManagerFactory emf;
    private TestSupport.TestClock clock;
    private AuthenticationServiceImpl auth;

    @Before
    public void setUp() {
        emf = TestSupport.database();
        clock = new TestSupport.TestClock();
        CredentialCache cache = new CredentialCache();
        OrganizationServiceImpl org = new OrganizationServiceImpl(emf, clock, new TestSupport.RecordingEvents(),
                new ExtensionRegistry(), cache);
        Caller root = TestSupport.globalAdmin();
        org.createRegion(root, new RegionInput("620000", "甘肃省", "PROVINCE", null, null, null, null));
        Unit unit = org.createUnit(root, new UnitInput("甘肃省某局", null, "DEPARTMENT", "620000", null, null, null, null, null));
        org.createUser(root, new UserInput("baiyun", "白云", "Baiyun2026", unit.id(), List.of("staff"), null, null, null));
        auth = new AuthenticationServiceImpl(emf, clock, cache, TestSupport.config(false, false));
    }

    @After
    public void tearDown() {
        emf.close();
    }

    @Test
    public void rightPasswordLogsInWrongOneDoesNot() {
        Caller caller = auth.authenticate("baiyun", "Baiyun2026");
        assertEquals("白云", caller.displayName());
        assertEquals("620000", caller.regionCode());
        assertTrue(caller.hasRole("staff"));
        expect("BAD_CREDENTIALS", () -> auth.authenticate("baiyun", "wrong"));
        expect("BAD_CREDENTIALS", () -> auth.authenticate("nobody", "Baiyun2026"));
    }

    @Test
    public void fiveFailuresLockForThirtyMinutes() {
        for (int i = 0; i < 4; i++) {
            expect("BAD_CREDENTIALS", () -> auth.authenticate("baiyun", "wrong"));
        }
        expect("ACCOUNT_LOCKED", () -> auth.authenticate("baiyun", "wrong"));
        expect("ACCOUNT_LOCKED", () -> auth.authenticate("baiyun", "Baiyun2026"));
        clock.advance(Duration.ofMinutes(29));
        expect("ACCOUNT_LOCKED", () -> auth.authenticate("baiyun", "Baiyun2026"));
        clock.advance(Duration.ofMinutes(2));
        assertEquals("baiyun", auth.authenticate("baiyun", "Baiyun2026").loginName());
    }

    @Test
    public void changePasswordRules() {
        Caller caller = auth.authenticate("baiyun", "Baiyun2026");
        expectCode("INVALID_VALUE:oldPassword", () -> auth.changePassword(caller, "wrong", "Newpass2026", "Newpass2026"));
        expectCode("INVALID_VALUE:newPassword", () -> auth.changePassword(caller, "Baiyun2026", "12345678", "12345678"));
        expectCode("INVALID_VALUE:newPassword", () -> auth.changePassword(caller, "Baiyun2026", "Baiyun2026", "Baiyun2026"));
        expectCode("INVALID_VALUE:confirmPassword", () -> auth.changePassword(caller, "Baiyun2026", "Newpass2026", "Newpass2027"));
        auth.changePassword(caller, "Baiyun2026", "Newpass2026", "Newpass2026");
        assertEquals("baiyun", auth.authenticate("baiyun", "Newpass2026").loginName());
        expect("BAD_CREDENTIALS", () -> auth.authenticate("baiyun", "Baiyun2026"));
    }

    private static void expect(String code, Runnable r) {
        assertEquals(401, TestSupport.refused(code, r).status());
    }

    private static void expectCode(String code, Runnable r) {
        TestSupport.refused(code, r);
    }
}
