package org.civic.plugins.linkage110;

import static org.civic.plugins.linkage110.Linkage110Fixture.in;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.Map;

import org.civic.core.api.workflow.ItemQuery;
import org.civic.core.api.workflow.ItemView;
import org.civic.core.internal.workflow.IdempotencyStore;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/** Intake from the 110 alarm system on the real kernel and its idempotency store (spec §10, A3). */
public class IntakeTest {

    private Linkage110Fixture f;
    private Intake intake;

    @Before
    public void setUp() {
        f = new Linkage110Fixture();
        intake = new Intake(f.kernel, new IdempotencyStore(f.emf, f.clock));
    }

    @After
    public void tearDown() throws Exception {
        f.close();
    }

    private static Map<String, Object> appeal(String incident) {
        return in("policeIncidentNo", incident, "appellantName", "马女士", "appellantPhone", "13800000002",
                "appealTime", "2026-03-02T09:40:00+08:00", "title", "小区门口餐馆油烟扰民",
                "content", "张掖路某小区门口餐馆每天排放油烟，影响居民生活。", "streetRegionCode", "620102001");
    }

    private long appeals() {
        return f.kernel.query(f.tianjing, Linkage110Line.LINE, ItemQuery.all(0, 100)).total();
    }

    @Test
    public void aPushedAppealArrivesAsADraftWithItsIncidentNumber() {
        Intake.Receipt r = intake.submit(f.alarm, appeal("J2026030200017"), null, "REST");
        assertFalse(r.duplicate());
        assertEquals("DRAFT", r.state());
        assertEquals("20260302-1", r.districtNo());
        ItemView v = f.get(r.appealId());
        assertEquals("J2026030200017", v.fields().get("policeIncidentNo"));
        assertEquals("PHONE", v.fields().get("channel"));
        assertEquals("620102", v.regionCode());
        assertEquals("alarm_cg", v.createdBy());
        assertEquals(1L, (long) f.kernel.worklistCounts(f.tianjing, Linkage110Line.LINE).get("pending"));
        // the dispatcher only picks units
        f.act(f.tianjing, r.appealId(), "dispatch", "handlingUnitIds", java.util.List.of(f.zyl.id()));
        assertEquals("DISPATCHED", f.get(r.appealId()).state());
    }

    @Test
    public void theSameIncidentNumberOrKeyNeverCreatesTwoAppeals() {
        Intake.Receipt first = intake.submit(f.alarm, appeal("J1"), "k-1", "REST");
        Intake.Receipt sameKey = intake.submit(f.alarm, appeal("J1"), "k-1", "REST");
        assertTrue(sameKey.duplicate());
        assertEquals(first.appealId(), sameKey.appealId());
        Map<String, Object> changed = appeal("J1");
        changed.put("title", "油烟扰民（补充）");
        Intake.Receipt sameIncident = intake.submit(f.alarm, changed, null, "SOAP");
        assertTrue(sameIncident.duplicate());
        assertEquals(first.appealId(), sameIncident.appealId());
        Intake.Receipt sameIncidentOtherKey = intake.submit(f.alarm, appeal("J1"), "k-2", "REST");
        assertTrue(sameIncidentOtherKey.duplicate());
        assertEquals(first.appealId(), sameIncidentOtherKey.appealId());
        f.refused("IDEMPOTENCY_KEY_REUSED", () -> intake.submit(f.alarm, appeal("J2"), "k-1", "REST"));
        assertEquals(1, appeals());
        Intake.Receipt other = intake.submit(f.alarm, appeal("J2"), null, "REST");
        assertFalse(other.duplicate());
        assertEquals("20260302-2", other.districtNo());
        assertEquals(2, appeals());
    }

    @Test
    public void refusalsWriteNothingAndDoNotBlockTheIncident() {
        f.refused("FORBIDDEN", () -> intake.submit(f.tianjing, appeal("J3"), null, "REST"));
        f.refused("FORBIDDEN", () -> intake.submit(f.ivr, appeal("J3"), null, "REST"));
        f.refused("FORBIDDEN", () -> f.kernel.create(f.alarm, Linkage110Line.LINE, appeal("J3"), "REST"));
        f.refused("MISSING_FIELD:policeIncidentNo", () -> intake.submit(f.alarm, appeal(null), null, "REST"));
        f.refused("INVALID_VALUE:policeIncidentNo", () -> intake.submit(f.alarm, appeal("J".repeat(33)), null, "REST"));
        Map<String, Object> badPhone = appeal("J3");
        badPhone.put("appellantPhone", "12345");
        f.refused("INVALID_VALUE:appellantPhone", () -> intake.submit(f.alarm, badPhone, "k-3", "REST"));
        assertEquals(0, appeals());
        Intake.Receipt ok = intake.submit(f.alarm, appeal("J3"), "k-3", "REST");
        assertFalse(ok.duplicate());
        assertEquals(1, appeals());
    }
}
