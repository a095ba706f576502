package org.civic.plugins.linkage110;

import static org.civic.plugins.linkage110.Linkage110Fixture.in;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;

import org.civic.core.api.workflow.ItemView;
import org.civic.plugins.linkage110.AutoCallbacks.CallRequest;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/** The automatic phone callback on the real kernel: spec §11 scenarios 11–15, the partner's result, delivery and dead letters. */
public class AutoCallbacksTest {

    private Linkage110Fixture f;
    private AutoCallbacks callbacks;

    @Before
    public void setUp() {
        f = new Linkage110Fixture();
        callbacks = new AutoCallbacks(f.kernel, f.clock, Limits.from(Map.of("limits.620103.autoCallback.timeoutMinutes", "45")));
    }

    @After
    public void tearDown() throws Exception {
        f.close();
    }

    private String start(long id) {
        ItemView v = f.act(f.tianjing, id, "auto_phone_callback");
        return (String) ((Map<?, ?>) v.fields().get("autoCallbackPending")).get("callbackId");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> attempts(ItemView v) {
        return (List<Map<String, Object>>) v.fields().get("districtCallbacks");
    }

    @Test
    public void satisfiedResultArchivesWithAnAutomaticAttempt() {
        long a3 = f.awaitingArchive();
        f.at("2026-03-04 10:00");
        String cb = start(a3);
        assertEquals(a3, AppealRules.appealOf(cb));
        // 13. while it runs: no manual callback, no send-back, no second automatic callback
        f.refused("CALLBACK_IN_PROGRESS", () -> f.act(f.tianjing, a3, "auto_phone_callback"));
        f.refused("CALLBACK_IN_PROGRESS", () -> f.act(f.tianjing, a3, "confirm_callback", "result", "SATISFIED",
                "content", "回访满意"));
        f.refused("CALLBACK_IN_PROGRESS", () -> f.act(f.tianjing, a3, "supervise", "unitIds", List.of(f.zyl.id()),
                "opinion", "请重新核查", "handlingDeadline", "2026-03-06T17:00:00+08:00"));
        f.refused("FORBIDDEN", () -> f.act(f.baiyun, a3, "auto_phone_callback"));
        f.refused("FORBIDDEN", () -> f.act(f.tianjing, a3, "auto_callback_result", "callbackId", cb, "result", "SATISFIED"));

        List<CallRequest> queued = callbacks.undelivered();
        assertEquals(1, queued.size());
        CallRequest r = queued.get(0);
        assertEquals(cb, r.callbackId());
        assertEquals("13800000002", r.body().get("appellantPhone"));
        assertEquals("20260302-1", r.body().get("districtNo"));
        assertEquals(AutoCallbacks.SCRIPT, r.body().get("script"));
        assertTrue(callbacks.delivered(r));
        assertTrue("delivered requests are not sent again", callbacks.undelivered().isEmpty());

        f.at("2026-03-04 10:05");
        assertEquals("APPLIED", callbacks.result(f.ivr, cb, in("result", "SATISFIED", "callTime",
                "2026-03-04T10:03:00+08:00", "recordingRef", "rec-1")));
        ItemView v = f.get(a3);
        assertEquals("ARCHIVED", v.state());
        assertEquals("SATISFIED", v.fields().get("finalCallbackResult"));
        assertNull(v.fields().get("autoCallbackPending"));
        Map<String, Object> attempt = attempts(v).get(0);
        assertEquals("AUTO_PHONE", attempt.get("method"));
        assertEquals("SATISFIED", attempt.get("result"));
        assertEquals(cb, attempt.get("callbackId"));
        assertEquals("rec-1", attempt.get("recordingRef"));
        assertNull(attempt.get("by"));
        ItemView.AuditEntry last = v.auditTrail().get(v.auditTrail().size() - 1);
        assertEquals("auto_callback_result", last.action());
        assertEquals("IVR", last.channel());
        // a repeat of the same result finds nothing running
        assertEquals("IGNORED", callbacks.result(f.ivr, cb, in("result", "UNSATISFIED")));
        assertEquals(1, attempts(f.get(a3)).size());
    }

    @Test
    public void unsatisfiedArchivesAndUnreachableWaitsForAnotherTry() {
        long a4 = f.awaitingArchive();
        String cb4 = start(a4);
        assertEquals("APPLIED", callbacks.result(f.ivr, cb4, in("result", "UNSATISFIED")));
        assertEquals("ARCHIVED", f.get(a4).state());
        assertEquals("UNSATISFIED", f.get(a4).fields().get("finalCallbackResult"));

        long a5 = f.awaitingArchive();
        String cb5 = start(a5);
        assertEquals("APPLIED", callbacks.result(f.ivr, cb5, in("result", "UNREACHABLE", "content", "无人接听")));
        ItemView v = f.get(a5);
        assertEquals("AWAITING_ARCHIVE", v.state());
        assertEquals(1L, ((Number) v.fields().get("unreachableCount")).longValue());
        assertEquals("无人接听", attempts(v).get(0).get("content"));
        // 12. another automatic callback, or 15. by hand: two more unreachable by hand archive it
        String again = start(a5);
        assertTrue(!again.equals(cb5));
        assertEquals("APPLIED", callbacks.result(f.ivr, again, in("result", "UNREACHABLE")));
        f.act(f.tianjing, a5, "confirm_callback", "result", "UNREACHABLE", "content", "电话无人接听");
        assertEquals("ARCHIVED", f.get(a5).state());
        assertEquals("UNREACHABLE", f.get(a5).fields().get("finalCallbackResult"));
        // 回访方式 is the latest district callback's: a query filter that finds each appeal by it
        assertEquals("AUTO_PHONE", f.get(a4).fields().get("method"));
        assertEquals("MANUAL", f.get(a5).fields().get("method"));
        assertEquals(List.of(a4), byMethod("AUTO_PHONE"));
        assertEquals(List.of(a5), byMethod("MANUAL"));
    }

    private List<Long> byMethod(String method) {
        return f.kernel.query(f.tianjing, Linkage110Line.LINE, new org.civic.core.api.workflow.ItemQuery(null, null,
                null, null, null, null, null, null, "createdAt", 0, 50).withFields(Map.of("method", method)))
                .items().stream().map(org.civic.core.api.workflow.ItemSummary::id).toList();
    }

    @Test
    public void noResultWithinThirtyMinutesIsUnreachableAndALateResultIsIgnored() {
        long a = f.awaitingArchive();
        f.at("2026-03-04 10:00");
        String cb = start(a);
        f.at("2026-03-04 10:29:59");
        assertEquals(0, callbacks.recordTimeouts());
        assertEquals(1, callbacks.undelivered().size());
        f.at("2026-03-04 10:31");
        assertEquals("a timed-out request is not sent any more", 0, callbacks.undelivered().size());
        assertEquals(1, callbacks.recordTimeouts());
        ItemView v = f.get(a);
        assertEquals("AWAITING_ARCHIVE", v.state());
        assertNull(v.fields().get("autoCallbackPending"));
        Map<String, Object> attempt = attempts(v).get(0);
        assertEquals("UNREACHABLE", attempt.get("result"));
        assertEquals(Boolean.TRUE, attempt.get("timeout"));
        assertEquals("recorded at the timeout, not at the scan", "2026-03-04T10:30+08:00", attempt.get("at"));
        assertEquals(0, callbacks.recordTimeouts());
        f.at("2026-03-04 10:40");
        assertEquals("IGNORED", callbacks.result(f.ivr, cb, in("result", "SATISFIED")));
        assertEquals("AWAITING_ARCHIVE", f.get(a).state());
        assertEquals(1, attempts(f.get(a)).size());
    }

    @Test
    public void theTimeoutIsConfigurablePerDistrict() {
        assertEquals(30, callbacks.timeoutMinutes("620102"));
        assertEquals(45, callbacks.timeoutMinutes("620103"));
    }

    @Test
    public void thePartnersResultIsCheckedAndForeignOrUnknownCallbacksAreIgnored() {
        long a = f.awaitingArchive();
        String cb = start(a);
        f.refused("FORBIDDEN", () -> callbacks.result(f.tianjing, cb, in("result", "SATISFIED")));
        f.refused("MISSING_FIELD:result", () -> callbacks.result(f.ivr, cb, in("content", "x")));
        f.refused("INVALID_VALUE:result", () -> callbacks.result(f.ivr, cb, in("result", "OK")));
        f.refused("INVALID_VALUE:callTime", () -> callbacks.result(f.ivr, cb, in("result", "SATISFIED", "callTime", "now")));
        f.refused("INVALID_VALUE:callbackId", () -> callbacks.result(f.ivr, cb, in("result", "SATISFIED",
                "callbackId", "cb-1-other")));
        assertEquals("IGNORED", callbacks.result(f.foreignIvr, cb, in("result", "SATISFIED")));
        assertEquals("IGNORED", callbacks.result(f.ivr, "nonsense", in("result", "SATISFIED")));
        assertEquals("IGNORED", callbacks.result(f.ivr, "cb-999999-" + cb.substring(cb.length() - 36),
                in("result", "SATISFIED")));
        String wrongUuid = cb.substring(0, cb.length() - 12) + "000000000000";
        assertEquals("IGNORED", callbacks.result(f.ivr, wrongUuid, in("result", "SATISFIED")));
        assertTrue("nothing was written", f.get(a).fields().get("autoCallbackPending") != null);
        assertEquals("AWAITING_ARCHIVE", f.get(a).state());
    }

    @Test
    public void aDeadLetterIsRecordedOnceAndTheRequestStaysQueued() {
        long a = f.awaitingArchive();
        String cb = start(a);
        CallRequest r = callbacks.undelivered().get(0);
        callbacks.deadLettered(r, "ConnectException: Connection refused");
        ItemView v = f.get(a);
        Map<?, ?> pending = (Map<?, ?>) v.fields().get("autoCallbackPending");
        assertTrue(pending.get("deadLetteredAt") != null);
        assertEquals("ConnectException: Connection refused", pending.get("lastError"));
        int audit = v.auditTrail().size();
        CallRequest again = callbacks.undelivered().get(0);
        assertTrue(again.deadLettered());
        callbacks.deadLettered(again, "still down");
        assertEquals("a repeated dead letter is not written again", audit, f.get(a).auditTrail().size());
        List<Map<String, Object>> letters = callbacks.deadLetters(f.tianjing);
        assertEquals(1, letters.size());
        assertEquals(cb, letters.get(0).get("callbackId"));
        f.refused("FORBIDDEN", () -> callbacks.deadLetters(f.baiyun));
        // the partner is back: delivered, then the result
        assertTrue(callbacks.delivered(again));
        assertTrue(callbacks.undelivered().isEmpty());
        assertTrue(callbacks.deadLetters(f.tianjing).isEmpty());
        assertEquals("APPLIED", callbacks.result(f.ivr, cb, in("result", "SATISFIED")));
        assertEquals("ARCHIVED", f.get(a).state());
        assertTrue("delivery after the result is skipped", !callbacks.delivered(again));
    }
}
