package org.civic.plugins.clue;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.Test;

/**
 * The SOAP submitClue's idempotency fingerprint: the platform stores it in a 64-character column, so a clue
 * pushed with an idempotency key used to fail with a truncation error (HTTP 500, found by ClueIT).
 */
public class ClueExchangeServiceTest {

    private static Map<String, Object> clue(String content) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("channel", "PORTAL");
        m.put("complainantName", "马建华");
        m.put("complainantPhone", "13800000002");
        m.put("respondentName", "天水某商贸有限公司");
        m.put("workplaceCityCode", "620500");
        m.put("content", content);
        return m;
    }

    @Test
    public void theFingerprintIsAHashThatFitsTheStoreAndHidesTheRequest() {
        String f = ClueExchangeService.fingerprint(clue("2026年1月至2月工资未发放，共计9000元。" + "很长的反映内容".repeat(200)));
        assertEquals(64, f.length());
        assertTrue(f, f.matches("[0-9a-f]{64}"));
        assertFalse(f.contains("13800000002"));
    }

    @Test
    public void theSameRequestHasTheSameFingerprintInAnyFieldOrderAndAnotherRequestAnother() {
        Map<String, Object> reordered = new LinkedHashMap<>();
        clue("2026年1月至2月工资未发放。").entrySet().stream().sorted(Map.Entry.<String, Object>comparingByKey().reversed())
                .forEach(e -> reordered.put(e.getKey(), e.getValue()));
        assertEquals(ClueExchangeService.fingerprint(clue("2026年1月至2月工资未发放。")), ClueExchangeService.fingerprint(reordered));
        assertNotEquals(ClueExchangeService.fingerprint(clue("2026年1月至2月工资未发放。")),
                ClueExchangeService.fingerprint(clue("2026年3月工资未发放。")));
    }
}
