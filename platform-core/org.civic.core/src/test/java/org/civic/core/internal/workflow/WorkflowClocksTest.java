package org.civic.core.internal.workflow;

import static org.civic.core.internal.TestSupport.refused;
import static org.civic.core.internal.workflow.HotlineFixture.clockOf;
import static org.civic.core.internal.workflow.HotlineFixture.last;
import static org.civic.core.internal.workflow.HotlineFixture.part;
import static org.civic.core.internal.workflow.HotlineFixture.t;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;

import org.civic.core.api.org.Unit;
import org.civic.core.api.workflow.ItemView;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * Deadlines as the kernel stores them, on the 2026 calendar with the 110 spec's office hours: the
 * sign-in limit (2 office hours, urgent 30 minutes), the handling limit (end of the 3rd working day,
 * urgent 24 hours, or the dispatcher's own), across weekends, public holidays and make-up working
 * days; pause/resume shifting; extensions.
 */
public class WorkflowClocksTest {

    private HotlineFixture f;

    @Before
    public void setUp() {
        f = new HotlineFixture();
    }

    @After
    public void tearDown() throws Exception {
        f.close();
    }

    private long dispatchedAt(String local, Unit... units) {
        f.at(local);
        return f.dispatched(units);
    }

    private String sign(long id) {
        return f.deadline(id, f.housing, "sign").toString();
    }

    private String handling(long id) {
        return f.deadline(id, f.housing, "handling").toString();
    }

    @Test
    public void theSpecsSignInExamplesAndOfficeHourEdges() {
        long mon = dispatchedAt("2026-03-02 10:00", f.housing, f.market);
        assertEquals("2026-03-02T12:00+08:00", sign(mon));
        assertEquals("every unit gets its own clock", t("2026-03-02 12:00"), f.deadline(mon, f.market, "sign"));
        assertEquals(120L, clockOf(part(f.view(mon), f.housing), "sign").remainingMinutes().longValue());
        assertEquals("2026-03-09T10:30+08:00", sign(dispatchedAt("2026-03-06 16:30", f.housing)));   // Fri → Mon
        assertEquals("2026-03-02T11:00+08:00", sign(dispatchedAt("2026-03-02 08:00", f.housing)));   // before office
        assertEquals("2026-03-02T14:00+08:00", sign(dispatchedAt("2026-03-02 11:00", f.housing)));   // over lunch
        assertEquals("2026-03-09T11:00+08:00", sign(dispatchedAt("2026-03-07 10:00", f.housing)));   // Saturday
        assertEquals("2026-03-04T11:00+08:00", sign(dispatchedAt("2026-03-03 18:00", f.housing)));   // evening
        f.at("2026-03-02 10:00");
        long urgent = f.dispatchedWith(Map.of("urgent", true), f.housing);
        assertEquals("2026-03-02T10:30+08:00", sign(urgent));
        assertEquals("urgent handling: 24 clock hours", "2026-03-03T10:00+08:00", handling(urgent));
        f.at("2026-03-06 16:30");
        assertEquals("urgent minutes ignore office hours", "2026-03-06T17:00+08:00",
                sign(f.dispatchedWith(Map.of("urgent", true), f.housing)));
    }

    @Test
    public void theHandlingLimitIsTheEndOfTheThirdWorkingDayOrTheDispatchersOwn() {
        assertEquals("2026-03-05T17:00+08:00", handling(dispatchedAt("2026-03-02 10:00", f.housing)));
        assertEquals("2026-03-05T17:00+08:00", handling(dispatchedAt("2026-03-02 18:30", f.housing)));
        assertEquals("2026-03-11T17:00+08:00", handling(dispatchedAt("2026-03-06 09:00", f.housing)));  // over a weekend
        assertEquals("2026-03-11T17:00+08:00", handling(dispatchedAt("2026-03-07 09:00", f.housing)));  // from Saturday
        f.at("2026-03-02 10:00");
        long id = f.draft("自定期限").id();
        ItemView own = f.act(f.dispatcher, id, "dispatch", "unitIds", List.of(f.housing.id()),
                "handlingDeadline", "2026-03-04T04:00:00Z");
        assertEquals(t("2026-03-04 12:00"), clockOf(part(own, f.housing), "handling").deadline());
        assertEquals("the sign clock keeps its rule", t("2026-03-02 12:00"), clockOf(part(own, f.housing), "sign").deadline());
    }

    @Test
    public void publicHolidaysAndMakeUpWorkingDaysOfTheCalendarFileCount() {
        // 清明 2026-04-04..06 (Sat-Mon)
        long qm = dispatchedAt("2026-04-02 10:00", f.housing);
        assertEquals("2026-04-08T17:00+08:00", handling(qm));
        assertEquals("2026-04-07T10:00+08:00", sign(dispatchedAt("2026-04-03 16:00", f.housing)));
        // 劳动节 2026-05-01..05, make-up working Saturday 2026-05-09
        long ld = dispatchedAt("2026-04-30 16:00", f.housing);
        assertEquals("2026-05-06T10:00+08:00", sign(ld));
        assertEquals("2026-05-08T17:00+08:00", handling(ld));
        assertEquals("the make-up Saturday is the 3rd working day", "2026-05-09T17:00+08:00",
                handling(dispatchedAt("2026-05-06 10:00", f.housing)));
        assertEquals("2026-05-09T10:30+08:00", sign(dispatchedAt("2026-05-08 16:30", f.housing)));
        assertEquals("a holiday dispatch counts from the next working day", "2026-05-06T11:00+08:00",
                sign(dispatchedAt("2026-05-02 10:00", f.housing)));
        // 春节 make-up Saturday 2026-02-28
        assertEquals("2026-03-02T17:00+08:00", handling(dispatchedAt("2026-02-26 10:00", f.housing)));
        assertEquals("2026-02-28T10:30+08:00", sign(dispatchedAt("2026-02-27 16:30", f.housing)));
    }

    @Test
    public void aDisputePausesTheHandlingClockAndTheRejectionShiftsItByTheOfficeTimeLeft() {
        long id = dispatchedAt("2026-03-02 10:00", f.housing);
        assertEquals("2026-03-05T17:00+08:00", handling(id));
        f.at("2026-03-02 10:30");
        f.act(f.housingHandler, id, "sign");
        f.at("2026-03-03 10:00");
        ItemView paused = f.act(f.housingHandler, id, "dispute", "opinion", "非本单位职责");
        ItemView.Clock p = clockOf(part(paused, f.housing), "handling");
        assertEquals("PAUSED", p.status());
        assertNull(p.remainingMinutes());
        assertEquals("DISPUTED", part(paused, f.housing).state());
        f.at("2026-03-04 15:00");
        ItemView resumed = f.act(f.dispatcher, id, "reject_dispute", "unitId", f.housing.id(), "opinion", "属街道职责");
        ItemView.Clock r = clockOf(part(resumed, f.housing), "handling");
        assertEquals("RUNNING", r.status());
        // 1200 office minutes were left on Tuesday 10:00; from Wednesday 15:00 they end Monday 14:00
        assertEquals(t("2026-03-09 14:00"), r.deadline());
        assertEquals(t("2026-03-02 10:00"), r.startedAt());
        f.at("2026-03-05 17:30");
        assertEquals("no card on Thursday 17:00", 0, f.kernel.raiseDueCards());
        f.at("2026-03-09 14:00");
        assertEquals(1, f.kernel.raiseDueCards());
        assertEquals(t("2026-03-09 14:00"), f.view(id).cards().get(0).raisedAt());
    }

    @Test
    public void aPausedMinuteClockIsShiftedByClockTime() {
        f.at("2026-03-02 10:00");
        long id = f.dispatchedWith(Map.of("urgent", true), f.housing);
        assertEquals("2026-03-03T10:00+08:00", handling(id));
        f.act(f.housingHandler, id, "sign");
        f.at("2026-03-02 11:00");
        f.act(f.housingHandler, id, "dispute", "opinion", "争议");
        f.at("2026-03-02 18:00");
        ItemView r = f.act(f.dispatcher, id, "reject_dispute", "unitId", f.housing.id(), "opinion", "继续");
        // 23 clock hours were left; the urgent limit counts clock time, not office time
        assertEquals(t("2026-03-03 17:00"), clockOf(part(r, f.housing), "handling").deadline());
    }

    @Test
    public void pauseAndResumeNeedARunningAndAPausedClock() {
        long id = dispatchedAt("2026-03-02 10:00", f.housing);
        f.act(f.housingHandler, id, "sign");
        f.act(f.housingHandler, id, "feedback", "content", "已办结");
        // the handling clock stopped with the feedback; the assignment state guard keeps dispute away, and
        // a disputed assignment whose clock does not run could not be paused: nothing changed
        ItemView v = f.view(id);
        assertEquals("STOPPED", clockOf(part(v, f.housing), "handling").status());
        assertEquals(t("2026-03-02 10:00"), clockOf(part(v, f.housing), "handling").stoppedAt());
        refused("INVALID_STATE", () -> f.act(f.housingHandler, id, "dispute", "opinion", "争议"));
    }

    @Test
    public void anApprovedExtensionMovesTheDeadlineADeniedOneLeavesIt() {
        long id = dispatchedAt("2026-03-02 10:00", f.housing, f.market);
        f.act(f.housingHandler, id, "sign");
        f.act(f.marketHandler, id, "sign");
        f.at("2026-03-04 10:00");
        assertEquals("no decision offered before a request", List.of(), decisionsOffered(id));
        ItemView asked = f.act(f.housingHandler, id, "request_extension", "newDeadline", "2026-03-10T17:00:00+08:00",
                "reason", "需协调市场监管部门联合检查");
        assertEquals("decisions offered on the unit that asked only", List.of(part(asked, f.housing).id()),
                decisionsOffered(id));
        ItemView.Clock pending = clockOf(part(asked, f.housing), "handling");
        assertEquals(t("2026-03-10 17:00"), pending.pendingDeadline());
        assertEquals("requested, not granted", t("2026-03-05 17:00"), pending.deadline());
        Map<?, ?> ev = (Map<?, ?>) ((List<?>) last(asked).details().get("clocks")).get(0);
        assertEquals("extension_requested", ev.get("event"));
        assertEquals("2026-03-10T17:00+08:00", ev.get("requestedDeadline"));
        f.at("2026-03-04 11:00");
        ItemView granted = f.act(f.dispatcher, id, "approve_extension", "unitId", f.housing.id());
        ItemView.Clock g = clockOf(part(granted, f.housing), "handling");
        assertEquals(t("2026-03-10 17:00"), g.deadline());
        assertNull(g.pendingDeadline());
        assertEquals("the other unit's clock is untouched", t("2026-03-05 17:00"), f.deadline(id, f.market, "handling"));
        refused("INVALID_STATE", () -> f.act(f.dispatcher, id, "approve_extension", "unitId", f.housing.id()));
        assertEquals("nothing left to decide", List.of(), decisionsOffered(id));

        f.act(f.marketHandler, id, "request_extension", "newDeadline", "2026-03-12T17:00:00+08:00", "reason", "等待");
        ItemView denied = f.act(f.dispatcher, id, "deny_extension", "unitId", f.market.id(), "opinion", "不同意");
        ItemView.Clock d = clockOf(part(denied, f.market), "handling");
        assertEquals(t("2026-03-05 17:00"), d.deadline());
        assertNull(d.pendingDeadline());
        assertEquals("不同意", last(denied).opinion());
        // a request withdrawn by the feedback
        f.act(f.marketHandler, id, "request_extension", "newDeadline", "2026-03-13T17:00:00+08:00", "reason", "再等");
        ItemView fed = f.act(f.marketHandler, id, "feedback", "content", "已办结");
        Map<?, ?> stop = (Map<?, ?>) ((List<?>) last(fed).details().get("clocks")).get(0);
        assertEquals("stopped", stop.get("event"));
        assertEquals("2026-03-13T17:00+08:00", stop.get("extensionWithdrawn"));
        assertEquals(Boolean.TRUE, stop.get("onTime"));
        assertNull(clockOf(part(fed, f.market), "handling").pendingDeadline());
    }

    @Test
    public void remainingMinutesAndOverdueFollowThePlatformClock() {
        long id = dispatchedAt("2026-03-02 10:00", f.housing);
        f.at("2026-03-02 11:30");
        ItemView.Clock s = clockOf(part(f.view(id), f.housing), "sign");
        assertEquals(30L, s.remainingMinutes().longValue());
        assertFalse(s.overdue());
        f.at("2026-03-02 12:45");
        s = clockOf(part(f.view(id), f.housing), "sign");
        assertEquals(-45L, s.remainingMinutes().longValue());
        assertTrue(s.overdue());
        ItemView signed = f.act(f.housingHandler, id, "sign");
        ItemView.Clock late = clockOf(part(signed, f.housing), "sign");
        assertEquals("STOPPED", late.status());
        assertTrue("stopped after its deadline", late.overdue());
        assertEquals(Boolean.FALSE, ((Map<?, ?>) ((List<?>) last(signed).details().get("clocks")).get(0)).get("onTime"));
    }

    /** The assignments the dispatcher is offered an extension decision on. */
    private List<Long> decisionsOffered(long id) {
        return f.kernel.get(f.dispatcher, id).availableActions().stream()
                .filter(a -> a.id().equals("approve_extension") || a.id().equals("deny_extension"))
                .map(ItemView.Action::assignmentId).distinct().toList();
    }
}
