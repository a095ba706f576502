package org.civic.core.internal.security;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

public class PasswordHasherTest {

    private final PasswordHasher hasher = new PasswordHasher();

    @Test
    public void hashesAreSaltedAndVerify() {
        String a = hasher.hash("Lanzhou2026");
        String b = hasher.hash("Lanzhou2026");
        assertTrue(a.startsWith("pbkdf2-sha512$210000$"));
        assertNotEquals("salted: equal passwords give different hashes", a, b);
        assertFalse("never the password in clear", a.contains("Lanzhou2026"));
        assertTrue(hasher.verify("Lanzhou2026", a));
        assertTrue(hasher.verify("Lanzhou2026", b));
        assertFalse(hasher.verify("lanzhou2026", a));
        assertFalse(hasher.verify("Lanzhou2026", "plain-text"));
        assertFalse(hasher.verify(null, a));
    }

    @Test
    public void policyNeedsEightCharactersWithLettersAndDigits() {
        assertTrue(PasswordHasher.meetsPolicy("civic2026"));
        assertFalse(PasswordHasher.meetsPolicy("12345678"));
        assertFalse(PasswordHasher.meetsPolicy("abcdefgh"));
        assertFalse(PasswordHasher.meetsPolicy("ab12"));
        assertFalse(PasswordHasher.meetsPolicy("admin"));
        assertFalse(PasswordHasher.meetsPolicy(null));
    }
}
