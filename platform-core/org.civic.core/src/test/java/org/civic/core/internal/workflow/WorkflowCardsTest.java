package org.civic.core.internal.workflow;

import static org.civic.core.internal.workflow.HotlineFixture.LINE;
import static org.civic.core.internal.workflow.HotlineFixture.part;
import static org.civic.core.internal.workflow.HotlineFixture.t;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;

import org.civic.core.api.workflow.ItemQuery;
import org.civic.core.api.workflow.ItemSummary;
import org.civic.core.api.workflow.ItemView;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * Yellow and red cards: raised once, at their thresholds (never at the scan time), held back by a
 * pending extension, not raised for a clock stopped in time, and moved by a pause.
 */
public class WorkflowCardsTest {

    private HotlineFixture f;

    @Before
    public void setUp() {
        f = new HotlineFixture();
    }

    @After
    public void tearDown() throws Exception {
        f.close();
    }

    /** Cards of an item as "clock COLOUR unit raisedAt". */
    private List<String> cards(long id) {
        return f.view(id).cards().stream().map(c -> c.clock() + " " + c.colour() + " "
                + (c.unitId() == null ? "-" : c.unitId().toString()) + " " + c.raisedAt()).toList();
    }

    private String card(String clock, String colour, long unitId, String at) {
        return clock + " " + colour + " " + unitId + " " + t(at);
    }

    @Test
    public void aYellowCardIsRaisedOnceAtTheDeadlineNotAtTheScanTime() {
        long id = f.dispatched(f.housing, f.market);
        f.act(f.housingHandler, id, "sign");
        f.events.clear();
        f.at("2026-03-02 11:59");
        assertEquals(0, f.kernel.raiseDueCards());
        f.at("2026-03-02 15:20");                                  // scanned long after the threshold
        assertEquals(1, f.kernel.raiseDueCards());
        assertEquals(0, f.kernel.raiseDueCards());
        f.clock.advance(java.time.Duration.ofHours(1));
        assertEquals("raised once only", 0, f.kernel.raiseDueCards());
        ItemView item = f.view(id);
        assertEquals(1, item.cards().size());
        ItemView.Card yellow = item.cards().get(0);
        assertEquals("YELLOW", yellow.colour());
        assertEquals("sign", yellow.clock());
        assertEquals(Long.valueOf(f.market.id()), yellow.unitId());
        assertEquals(Long.valueOf(part(item, f.market).id()), yellow.assignmentId());
        assertEquals(t("2026-03-02 12:00"), yellow.raisedAt());
        assertEquals(List.of(yellow), part(item, f.market).cards());
        assertEquals(List.of(), part(item, f.housing).cards());
        // the audit entry is the system's, at the threshold, between the actions before and after it
        ItemView.AuditEntry e = item.auditTrail().stream().filter(a -> a.action().equals("yellow_card")).findFirst()
                .orElseThrow();
        assertEquals("system", e.actor());
        assertEquals("SYSTEM", e.channel());
        assertEquals("黄牌", e.actionLabel().zh());
        assertEquals(t("2026-03-02 12:00"), e.at());
        assertEquals("sign", e.details().get("clock"));
        assertEquals("2026-03-02T12:00+08:00", e.details().get("raisedAt"));
        assertEquals(f.market.id(), ((Number) e.details().get("unitId")).longValue());
        assertEquals(List.of("card.yellow", "hotline.yellow_card"), f.events.topics);
        Map<String, Object> payload = f.events.payloads.get(0);
        assertEquals("2026-03-02T12:00+08:00", payload.get("raisedAt"));
        assertEquals("YELLOW", payload.get("colour"));
        assertEquals(id, payload.get("itemId"));
        assertEquals("the card was committed before its event", Long.valueOf(4), f.events.committedAuditRows.get(0));
        // signing late keeps the card; the sign clock has no red card
        f.act(f.marketHandler, id, "sign");
        f.at("2026-03-04 09:00");
        assertEquals(0, f.kernel.raiseDueCards());
        assertEquals(1, f.view(id).cards().size());
    }

    @Test
    public void aRedCardFollowsThreeWorkingDaysAfterTheYellowAtTheSameTime() {
        long id = f.dispatched(f.housing);
        f.at("2026-03-02 10:30");
        f.act(f.housingHandler, id, "sign");
        f.at("2026-03-05 16:59:59");
        assertEquals(0, f.kernel.raiseDueCards());
        f.at("2026-03-05 17:00");
        assertEquals(1, f.kernel.raiseDueCards());
        f.at("2026-03-10 16:59");
        assertEquals(0, f.kernel.raiseDueCards());
        f.at("2026-03-10 18:00");
        assertEquals(1, f.kernel.raiseDueCards());
        f.at("2026-03-31 10:00");
        assertEquals(0, f.kernel.raiseDueCards());
        assertEquals(List.of(card("handling", "YELLOW", f.housing.id(), "2026-03-05 17:00"),
                card("handling", "RED", f.housing.id(), "2026-03-10 17:00")), cards(id));
        ItemView.AuditEntry red = HotlineFixture.last(f.view(id));
        assertEquals("red_card", red.action());
        assertEquals(t("2026-03-10 17:00"), red.at());
        // feedback after the red card keeps both
        f.act(f.housingHandler, id, "feedback", "content", "终于办结");
        assertEquals(2, f.view(id).cards().size());
    }

    @Test
    public void oneLateScanRaisesEveryDueCardAtItsOwnThreshold() {
        long id = f.dispatched(f.housing, f.market);
        f.act(f.housingHandler, id, "sign");
        f.at("2026-03-20 10:00");
        // market: sign yellow; both: handling yellow and red
        assertEquals(5, f.kernel.raiseDueCards());
        assertEquals(sorted(List.of(card("sign", "YELLOW", f.market.id(), "2026-03-02 12:00"),
                card("handling", "YELLOW", f.housing.id(), "2026-03-05 17:00"),
                card("handling", "YELLOW", f.market.id(), "2026-03-05 17:00"),
                card("handling", "RED", f.housing.id(), "2026-03-10 17:00"),
                card("handling", "RED", f.market.id(), "2026-03-10 17:00"))), sorted(cards(id)));
        assertEquals(5, f.count("CardEntity"));
        assertEquals(0, f.kernel.raiseDueCards());
    }

    private static List<String> sorted(List<String> cards) {
        return cards.stream().sorted().toList();
    }

    @Test
    public void theRedCardSkipsThePublicHolidays() {
        f.at("2026-03-30 10:00");
        long id = f.dispatched(f.housing);
        f.act(f.housingHandler, id, "sign");
        f.at("2026-04-20 10:00");
        assertEquals(2, f.kernel.raiseDueCards());
        // yellow Thu 2 April 17:00; 清明 4-6 April: red Wed 8 April 17:00
        assertEquals(List.of(card("handling", "YELLOW", f.housing.id(), "2026-04-02 17:00"),
                card("handling", "RED", f.housing.id(), "2026-04-08 17:00")), cards(id));
    }

    @Test
    public void aClockStoppedByTheDeadlineRaisesNothing() {
        long id = f.dispatched(f.housing, f.market);
        f.act(f.housingHandler, id, "sign");
        f.act(f.marketHandler, id, "sign");
        f.at("2026-03-05 16:59:59");
        f.act(f.housingHandler, id, "feedback", "content", "按期办结");
        f.at("2026-03-05 17:00");                                  // at the deadline instant: still on time
        f.act(f.marketHandler, id, "feedback", "content", "按期办结");
        f.at("2026-03-31 10:00");
        assertEquals(0, f.kernel.raiseDueCards());
        assertEquals(List.of(), cards(id));
        assertEquals(0, f.count("CardEntity"));
    }

    @Test
    public void aClockStoppedAfterItsDeadlineStillGetsItsCardAtTheDeadline() {
        long id = f.dispatched(f.housing);
        // nobody scanned between the deadline and the late sign-in / feedback: the cards are still owed
        f.at("2026-03-02 15:00");
        f.act(f.housingHandler, id, "sign");
        f.at("2026-03-06 10:00");
        f.act(f.housingHandler, id, "feedback", "content", "迟办");
        f.at("2026-03-31 10:00");
        assertEquals(2, f.kernel.raiseDueCards());
        assertEquals(0, f.kernel.raiseDueCards());
        assertEquals("no red: the clock stopped before the red threshold",
                List.of(card("sign", "YELLOW", f.housing.id(), "2026-03-02 12:00"),
                        card("handling", "YELLOW", f.housing.id(), "2026-03-05 17:00")), cards(id));
    }

    @Test
    public void aPendingExtensionHoldsTheYellowBackAndADenialAfterTheDeadlineRaisesItThen() {
        long id = f.dispatched(f.housing);
        f.act(f.housingHandler, id, "sign");
        f.at("2026-03-05 16:00");
        f.act(f.housingHandler, id, "request_extension", "newDeadline", "2026-03-10T17:00:00+08:00", "reason", "需协调");
        f.at("2026-03-05 17:30");
        assertEquals(0, f.kernel.raiseDueCards());
        f.at("2026-03-06 10:00");
        assertEquals(0, f.kernel.raiseDueCards());
        f.act(f.dispatcher, id, "deny_extension", "unitId", f.housing.id(), "opinion", "不予延期");
        f.at("2026-03-06 10:05");
        assertEquals(1, f.kernel.raiseDueCards());
        f.at("2026-03-11 09:59");
        assertEquals(0, f.kernel.raiseDueCards());
        f.at("2026-03-11 10:00");
        assertEquals(1, f.kernel.raiseDueCards());
        assertEquals(List.of(card("handling", "YELLOW", f.housing.id(), "2026-03-06 10:00"),
                card("handling", "RED", f.housing.id(), "2026-03-11 10:00")), cards(id));
    }

    @Test
    public void anExtensionDecidedBeforeTheDeadlineLeavesTheRightThreshold() {
        long denied = f.dispatched(f.housing);
        long granted = f.dispatched(f.market);
        f.act(f.housingHandler, denied, "sign");
        f.act(f.marketHandler, granted, "sign");
        f.at("2026-03-04 10:00");
        f.act(f.housingHandler, denied, "request_extension", "newDeadline", "2026-03-10T17:00:00+08:00", "reason", "等");
        f.act(f.marketHandler, granted, "request_extension", "newDeadline", "2026-03-10T17:00:00+08:00", "reason", "等");
        f.act(f.dispatcher, denied, "deny_extension", "unitId", f.housing.id(), "opinion", "不同意");
        f.at("2026-03-06 09:00");
        // the granted one is decided after the deadline: its yellow goes to the new deadline
        assertEquals(1, f.kernel.raiseDueCards());
        f.act(f.dispatcher, granted, "approve_extension", "unitId", f.market.id());
        f.at("2026-03-10 16:59");
        assertEquals(0, f.kernel.raiseDueCards());
        f.at("2026-03-10 17:00");
        assertEquals(2, f.kernel.raiseDueCards());       // denied's red, granted's yellow
        assertEquals(List.of(card("handling", "YELLOW", f.housing.id(), "2026-03-05 17:00"),
                card("handling", "RED", f.housing.id(), "2026-03-10 17:00")), cards(denied));
        assertEquals(List.of(card("handling", "YELLOW", f.market.id(), "2026-03-10 17:00")), cards(granted));
    }

    @Test
    public void aDisputeAfterTheYellowFreezesThePendingRedCard() {
        long id = f.dispatched(f.housing);
        f.act(f.housingHandler, id, "sign");
        f.at("2026-03-05 17:10");
        assertEquals(1, f.kernel.raiseDueCards());
        f.at("2026-03-06 10:00");
        f.act(f.housingHandler, id, "dispute", "opinion", "非本单位职责");
        f.at("2026-03-10 17:30");
        assertEquals("a paused clock raises nothing", 0, f.kernel.raiseDueCards());
        f.at("2026-03-09 10:00");
        f.act(f.dispatcher, id, "reject_dispute", "unitId", f.housing.id(), "opinion", "继续办理");
        // 20 office hours were left until the red threshold (Tue 10 March 17:00); from Mon 10:00: Wed 11 March 17:00
        f.at("2026-03-11 16:59");
        assertEquals(0, f.kernel.raiseDueCards());
        f.at("2026-03-11 17:00");
        assertEquals(1, f.kernel.raiseDueCards());
        assertEquals(card("handling", "RED", f.housing.id(), "2026-03-11 17:00"), cards(id).get(1));
    }

    @Test
    public void cardsShowInListsAndQueries() {
        long late = f.dispatched(f.housing);
        long onTime = f.dispatched(f.market);
        f.act(f.marketHandler, onTime, "sign");
        f.act(f.marketHandler, onTime, "feedback", "content", "已办结");
        f.at("2026-03-05 18:00");
        f.kernel.raiseDueCards();
        List<ItemSummary> yellow = f.kernel.query(f.dispatcher, LINE, new ItemQuery(null, null, null, null, null, null,
                "YELLOW", null, null, 0, 10)).items();
        assertEquals(List.of(late), yellow.stream().map(ItemSummary::id).toList());
        assertEquals("YELLOW", yellow.get(0).card());
        f.at("2026-03-10 17:00");
        f.kernel.raiseDueCards();
        ItemSummary red = f.kernel.query(f.dispatcher, LINE, new ItemQuery(null, null, null, null, null, null,
                "RED", null, null, 0, 10)).items().get(0);
        assertEquals("the most severe card", "RED", red.card());
        assertEquals(late, red.id());
        assertEquals(1, f.kernel.query(f.dispatcher, LINE, new ItemQuery(null, null, null, null, null, null,
                "YELLOW", null, null, 0, 10)).total());
        assertTrue(f.kernel.query(f.dispatcher, LINE, ItemQuery.all(0, 10)).items().stream()
                .anyMatch(s -> s.id() == onTime && s.card() == null));
    }

    @Test
    public void whileALineIsUninstalledItsClocksWaitAndTheirCardsComeAtTheThresholdsAfterwards() throws Exception {
        long id = f.dispatched(f.housing);
        f.act(f.housingHandler, id, "sign");
        f.registration.close();
        f.at("2026-03-05 18:00");
        assertEquals(0, f.kernel.raiseDueCards());
        f.registration = f.kernel.register(HotlineFixture.definition());
        assertEquals(1, f.kernel.raiseDueCards());
        assertEquals(List.of(card("handling", "YELLOW", f.housing.id(), "2026-03-05 17:00")), cards(id));
    }
}
