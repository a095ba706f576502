package org.civic.core.internal.security;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.util.Base64;

import org.junit.BeforeClass;
import org.junit.Test;

/** Salted PBKDF2 hashes and the password policy of CORE-03. Hashing is slow: the hashes are made once. */
public class PasswordHasherTest {

    private static final PasswordHasher HASHER = new PasswordHasher();
    private static String first;
    private static String second;

    @BeforeClass
    public static void hashTwice() {
        first = HASHER.hash("Lanzhou2026");
        second = HASHER.hash("Lanzhou2026");
    }

    @Test
    public void roundTrip() {
        assertTrue(HASHER.verify("Lanzhou2026", first));
        assertTrue(HASHER.verify("Lanzhou2026", second));
    }

    @Test
    public void wrongPasswordsFail() {
        assertFalse(HASHER.verify("lanzhou2026", first));
        assertFalse(HASHER.verify("Lanzhou2027", first));
        assertFalse(HASHER.verify("Lanzhou2026 ", first));
        assertFalse(HASHER.verify("", first));
        assertFalse(HASHER.verify(null, first));
    }

    @Test
    public void equalPasswordsGiveDifferentHashes() {
        assertNotEquals("salted: equal passwords give different hashes", first, second);
        String[] a = first.split("\\$");
        String[] b = second.split("\\$");
        assertNotEquals("different salts", a[2], b[2]);
        assertNotEquals("different derived keys", a[3], b[3]);
    }

    @Test
    public void storedFormatIsPrefixIterationsSaltHash() {
        assertTrue(first, first.startsWith("pbkdf2-sha512$"));
        String[] parts = first.split("\\$");
        assertEquals(4, parts.length);
        assertEquals("pbkdf2-sha512", parts[0]);
        assertEquals("210000", parts[1]);
        assertEquals("16-byte salt", 16, Base64.getDecoder().decode(parts[2]).length);
        assertEquals("512-bit key", 64, Base64.getDecoder().decode(parts[3]).length);
        assertFalse("never the password in clear", first.contains("Lanzhou2026"));
    }

    @Test
    public void malformedOrForeignStoredValuesNeverVerify() {
        String[] parts = first.split("\\$");
        assertFalse(HASHER.verify("Lanzhou2026", null));
        assertFalse(HASHER.verify("Lanzhou2026", "Lanzhou2026"));
        assertFalse(HASHER.verify("Lanzhou2026", "plain-text"));
        assertFalse(HASHER.verify("Lanzhou2026", "bcrypt$" + parts[1] + "$" + parts[2] + "$" + parts[3]));
        assertFalse(HASHER.verify("Lanzhou2026", parts[0] + "$" + parts[1] + "$" + parts[2]));
        // The salt of the other hash with this hash's key: the derived key differs.
        String swapped = parts[0] + "$" + parts[1] + "$" + second.split("\\$")[2] + "$" + parts[3];
        assertFalse(HASHER.verify("Lanzhou2026", swapped));
    }

    @Test
    public void policyNeedsEightCharactersWithLettersAndDigits() {
        assertTrue(PasswordHasher.meetsPolicy("civic2026"));
        assertTrue(PasswordHasher.meetsPolicy("abcdefg1"));
        assertTrue(PasswordHasher.meetsPolicy("1234567A"));
        assertTrue(PasswordHasher.meetsPolicy("Pass word 1"));
        assertTrue(PasswordHasher.meetsPolicy("a1" + "x".repeat(62)));   // 64 characters
        assertFalse(PasswordHasher.meetsPolicy("12345678"));              // digits only
        assertFalse(PasswordHasher.meetsPolicy("abcdefgh"));              // letters only
        assertFalse(PasswordHasher.meetsPolicy("ABCDEFGH"));
        assertFalse(PasswordHasher.meetsPolicy("!@#$%^&*"));
        assertFalse(PasswordHasher.meetsPolicy("abcdef1"));               // 7 characters
        assertFalse(PasswordHasher.meetsPolicy("ab12"));
        assertFalse(PasswordHasher.meetsPolicy("admin"));
        assertFalse(PasswordHasher.meetsPolicy(""));
        assertFalse(PasswordHasher.meetsPolicy(null));
        assertFalse(PasswordHasher.meetsPolicy("a1" + "x".repeat(63)));  // 65 characters
    }
}
