package org.civic.core.internal.workflow;

import static org.civic.core.internal.TestSupport.refused;
import static org.civic.core.internal.workflow.HotlineFixture.LINE;
import static org.civic.core.internal.workflow.HotlineFixture.in;
import static org.civic.core.internal.workflow.HotlineFixture.part;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.util.List;

import org.civic.core.api.CivicException;
import org.civic.core.api.org.Caller;
import org.civic.core.api.workflow.ItemQuery;
import org.civic.core.api.workflow.ItemView;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * Every guard of an action and its error code, the order in which they are checked, and that a
 * refused request writes nothing (no row in any workflow table, no event, the item unchanged).
 */
public class WorkflowGuardsTest {

    private HotlineFixture f;

    @Before
    public void setUp() {
        f = new HotlineFixture();
    }

    @After
    public void tearDown() throws Exception {
        f.close();
    }

    @Test
    public void anItemOutsideTheViewScopeIsNotFoundOnEveryCall() {
        long id = f.dispatched(f.housing, f.market);
        ItemView.Attachment att = f.kernel.attach(f.housingHandler, id, "a.txt", "text/plain",
                new ByteArrayInputStream("x".getBytes()));
        HotlineFixture.Snapshot before = f.snapshot(id);
        // another county's dispatcher and handler, and a unit of the same county without a part in the item
        for (Caller c : List.of(f.otherCounty, f.otherCountyHandler, f.waterHandler, f.cityHandler)) {
            refused("NOT_FOUND", () -> f.kernel.get(c, id));
            refused("NOT_FOUND", () -> f.kernel.act(c, id, "sign", in(), null, "REST"));
            refused("NOT_FOUND", () -> f.kernel.act(c, id, "dispatch", in("unitIds", List.of(f.water.id())), null, "REST"));
            refused("NOT_FOUND", () -> f.kernel.act(c, id, "no_such_action", in(), null, "REST"));
            refused("NOT_FOUND", () -> f.kernel.act(c, id, "sign", in(), 0L, "REST"));   // before CONFLICT
            refused("NOT_FOUND", () -> f.kernel.attach(c, id, "b.txt", "text/plain",
                    new ByteArrayInputStream("y".getBytes())));
            refused("NOT_FOUND", () -> f.kernel.attachment(c, id, att.id()));
            assertEquals(0, f.kernel.query(c, LINE, ItemQuery.all(0, 10)).total());
        }
        before.unchanged();
        refused("NOT_FOUND", () -> f.kernel.get(f.dispatcher, 987654L));
        refused("NOT_FOUND", () -> f.kernel.act(f.dispatcher, 987654L, "dispatch", in(), null, "REST"));
        refused("NOT_FOUND", () -> f.kernel.attachment(f.dispatcher, id, 987654L));
        // visible item, unknown action
        refused("NOT_FOUND", () -> f.kernel.act(f.dispatcher, id, "no_such_action", in(), null, "REST"));
        before.unchanged();
    }

    @Test
    public void regionViewRolesSeeTheirSubtreeOthersOnlyWhatTheirUnitHoldsCreatedOrActedOn() {
        long id = f.draft("井盖缺失").id();
        for (Caller c : List.of(f.dispatcher, f.dispatcher2, f.cityDispatcher, f.province, f.auditor, f.centreHandler)) {
            assertEquals(c.loginName(), id, f.kernel.get(c, id).id());
        }
        for (Caller c : List.of(f.housingHandler, f.cityHandler, f.otherCounty)) {
            refused("NOT_FOUND", () -> f.kernel.get(c, id));
        }
        f.act(f.dispatcher, id, "dispatch", "unitIds", List.of(f.housing.id()));
        assertEquals(id, f.kernel.get(f.housingHandler, id).id());
        refused("NOT_FOUND", () -> f.kernel.get(f.marketHandler, id));
        assertEquals(1, f.kernel.query(f.housingHandler, LINE, ItemQuery.all(0, 10)).total());
        assertEquals(0, f.kernel.query(f.marketHandler, LINE, ItemQuery.all(0, 10)).total());
    }

    @Test
    public void aRoleThatMayNotTakeTheActionIsForbiddenAndWritesNothing() {
        long draft = f.draft("路面塌陷").id();
        long id = f.dispatched(f.housing);
        HotlineFixture.Snapshot before = f.snapshot(draft);
        // the auditor sees the items (region view role) but may take no action
        refused("FORBIDDEN", () -> f.act(f.auditor, draft, "dispatch", "unitIds", List.of(f.housing.id())));
        refused("FORBIDDEN", () -> f.act(f.auditor, id, "sign"));
        // role is checked before the version, the scope and the state
        refused("FORBIDDEN", () -> f.kernel.act(f.housingHandler, id, "dispatch", in(), 0L, "REST"));
        refused("FORBIDDEN", () -> f.act(f.housingHandler, id, "close", "opinion", "好"));
        refused("FORBIDDEN", () -> f.act(f.dispatcher, id, "sign"));
        refused("FORBIDDEN", () -> f.kernel.create(f.housingHandler, LINE, in("title", "标题", "category", "ROAD"), "REST"));
        refused("FORBIDDEN", () -> f.kernel.create(f.auditor, LINE, in("title", "标题", "category", "ROAD"), "REST"));
        before.unchanged();
        assertTrue(f.kernel.get(f.auditor, id).availableActions().isEmpty());
    }

    @Test
    public void callersWhoSeeTheItemButFailTheScopeRuleAreOutOfScope() {
        long id = f.dispatched(f.housing, f.market);
        long draft = f.draft("草稿").id();
        HotlineFixture.Snapshot before = f.snapshot(id);
        // HOLDER_UNIT: the county centre sees the item by region but holds no part of it
        CivicException e = refused("OUT_OF_SCOPE", () -> f.act(f.centreHandler, id, "sign"));
        assertEquals(403, e.status());
        // the item state comes before the scope: an action nobody may take now is INVALID_STATE for everyone
        refused("INVALID_STATE", () -> f.act(f.centreHandler, draft, "feedback", "content", "好的"));
        before.unchanged();

        // CREATOR_UNIT: the city dispatcher sees the item (region) but its unit did not create it
        f.act(f.housingHandler, id, "sign");
        f.act(f.marketHandler, id, "sign");
        f.act(f.housingHandler, id, "feedback", "content", "已修复");
        f.act(f.marketHandler, id, "feedback", "content", "已配合");
        HotlineFixture.Snapshot review = f.snapshot(id);
        refused("OUT_OF_SCOPE", () -> f.act(f.cityDispatcher, id, "close", "opinion", "办结"));
        refused("OUT_OF_SCOPE", () -> f.act(f.province, id, "close", "opinion", "办结"));
        review.unchanged();
        assertFalse(f.kernel.get(f.cityDispatcher, id).availableActions().stream().anyMatch(a -> a.id().equals("close")));
        assertEquals("CLOSED", f.act(f.dispatcher2, id, "close", "opinion", "办结").state());

        // REGION: a province item dispatched to the county centre; the county dispatcher sees it through
        // its unit's part but the item lies above its region
        long provincial = f.kernel.create(f.province, LINE, in("title", "全省专项", "category", "NOISE"), "REST").id();
        f.kernel.act(f.province, provincial, "dispatch", in("unitIds", List.of(f.centre.id())), null, "REST");
        f.act(f.centreHandler, provincial, "sign");
        f.act(f.centreHandler, provincial, "dispute", "opinion", "非本级");
        HotlineFixture.Snapshot disputed = f.snapshot(provincial);
        refused("OUT_OF_SCOPE", () -> f.act(f.dispatcher, provincial, "reject_dispute", "unitId", f.centre.id(),
                "opinion", "继续"));
        disputed.unchanged();
        assertEquals("HANDLING", part(f.kernel.act(f.province, provincial, "reject_dispute",
                in("unitId", f.centre.id(), "opinion", "继续"), null, "REST"), f.centre).state());
    }

    @Test
    public void itemAndAssignmentStatesAreCheckedBeforeTheInput() {
        long id = f.dispatched(f.housing, f.market);
        HotlineFixture.Snapshot before = f.snapshot(id);
        CivicException e = refused("INVALID_STATE",
                () -> f.act(f.dispatcher, id, "dispatch", "unitIds", List.of(f.water.id())));
        assertEquals(409, e.status());
        refused("INVALID_STATE", () -> f.act(f.dispatcher, id, "close", "opinion", "办结"));
        refused("INVALID_STATE", () -> f.act(f.dispatcher, id, "merge", "intoItemId", id));
        // assignment state: feedback and dispute need HANDLING, the part is PENDING_SIGN; state before input
        refused("INVALID_STATE", () -> f.act(f.housingHandler, id, "feedback"));
        refused("INVALID_STATE", () -> f.act(f.housingHandler, id, "dispute", "opinion", "争议"));
        before.unchanged();

        f.act(f.housingHandler, id, "sign");
        HotlineFixture.Snapshot signed = f.snapshot(id);
        refused("INVALID_STATE", () -> f.act(f.housingHandler, id, "sign"));
        refused("INVALID_STATE", () -> f.act(f.dispatcher, id, "reject_dispute", "unitId", f.housing.id(), "opinion", "否"));
        // the market's part is still PENDING_SIGN: it cannot feed back although housing's could
        refused("INVALID_STATE", () -> f.act(f.marketHandler, id, "feedback", "content", "已处理"));
        // an effect's own state check: no extension request is pending
        refused("INVALID_STATE", () -> f.act(f.dispatcher, id, "approve_extension", "unitId", f.housing.id()));
        signed.unchanged();
        assertEquals("PENDING_SIGN", part(f.view(id), f.market).state());
    }

    @Test
    public void anActionSelectingItsAssignmentByAUnitFieldChecksThatFieldFirst() {
        long id = f.dispatched(f.housing, f.market);
        f.act(f.housingHandler, id, "sign");
        f.act(f.housingHandler, id, "dispute", "opinion", "非本单位职责");
        HotlineFixture.Snapshot before = f.snapshot(id);
        CivicException missing = refused("MISSING_FIELD:unitId",
                () -> f.act(f.dispatcher, id, "reject_dispute", "opinion", "继续办理"));
        assertEquals(List.of("unitId"), missing.details().get("fields"));
        assertEquals(400, missing.status());
        refused("INVALID_VALUE:unitId", () -> f.act(f.dispatcher, id, "reject_dispute", "unitId", "abc", "opinion", "x"));
        refused("INVALID_VALUE:unitId", () -> f.act(f.dispatcher, id, "reject_dispute", "unitId", f.water.id(),
                "opinion", "x"));
        refused("INVALID_STATE", () -> f.act(f.dispatcher, id, "reject_dispute", "unitId", f.market.id(), "opinion", "x"));
        refused("MISSING_FIELD:opinion", () -> f.act(f.dispatcher, id, "reject_dispute", "unitId", f.housing.id()));
        before.unchanged();
        ItemView after = f.act(f.dispatcher, id, "reject_dispute", "unitId", String.valueOf(f.housing.id()),
                "opinion", "属本单位职责");
        assertEquals("HANDLING", part(after, f.housing).state());
        assertEquals("PENDING_SIGN", part(after, f.market).state());
        assertEquals(Long.valueOf(part(after, f.housing).id()), HotlineFixture.last(after).assignmentId());
    }

    @Test
    public void aStaleExpectedVersionIsAConflictCheckedBeforeScopeAndState() {
        long id = f.dispatched(f.housing);
        long version = f.kernel.get(f.housingHandler, id).version();
        HotlineFixture.Snapshot before = f.snapshot(id);
        CivicException e = refused("CONFLICT", () -> f.kernel.act(f.housingHandler, id, "sign", in(), version - 1, "REST"));
        assertEquals(409, e.status());
        refused("CONFLICT", () -> f.kernel.act(f.housingHandler, id, "sign", in(), version + 1, "REST"));
        refused("CONFLICT", () -> f.kernel.act(f.housingHandler, id, "feedback", in(), version + 1, "REST"));
        refused("CONFLICT", () -> f.kernel.act(f.centreHandler, id, "sign", in(), version + 1, "REST"));
        before.unchanged();
        ItemView signed = f.kernel.act(f.housingHandler, id, "sign", in(), version, "REST");
        assertTrue(signed.version() > version);
        HotlineFixture.Snapshot after = f.snapshot(id);
        refused("CONFLICT", () -> f.kernel.act(f.housingHandler, id, "dispute", in("opinion", "争议"), version, "REST"));
        after.unchanged();
        assertEquals("DISPUTED", part(f.kernel.act(f.housingHandler, id, "dispute", in("opinion", "争议"),
                signed.version(), "REST"), f.housing).state());
    }

    @Test
    public void lineCodesFromEffectsAndHandlersRollEverythingBack() {
        long urgent = f.draft("燃气泄漏", "urgent", true).id();
        HotlineFixture.Snapshot before = f.snapshot(urgent);
        long assignments = f.count("AssignmentEntity");
        // the handler runs after dispatch created three assignments and six clocks, then refuses
        CivicException e = refused("URGENT_TOO_MANY_UNITS", () -> f.act(f.dispatcher, urgent, "dispatch",
                "unitIds", List.of(f.housing.id(), f.market.id(), f.water.id())));
        assertEquals(409, e.status());
        before.unchanged();
        assertEquals(assignments, f.count("AssignmentEntity"));
        assertEquals("DRAFT", f.view(urgent).state());
        // an effect refusing the second unit rolls back the first unit's assignment too
        refused("INVALID_VALUE:unitIds", () -> f.act(f.dispatcher, urgent, "dispatch",
                "unitIds", List.of(f.housing.id(), f.qlhHousing.id())));
        before.unchanged();
        ItemView ok = f.act(f.dispatcher, urgent, "dispatch", "unitIds", List.of(f.housing.id(), f.market.id()));
        assertEquals(2, ok.assignments().size());
        assertEquals(2, ok.fields().get("unitCount"));
    }

    @Test
    public void extensionRequestsAreRefusedWhilePendingAndAfterTheDeadline() {
        long id = f.dispatched(f.housing);
        f.act(f.housingHandler, id, "sign");
        f.at("2026-03-04 10:00");
        f.act(f.housingHandler, id, "request_extension", "newDeadline", "2026-03-10T17:00:00+08:00", "reason", "需协调");
        HotlineFixture.Snapshot pending = f.snapshot(id);
        CivicException e = refused("REQUEST_PENDING", () -> f.act(f.housingHandler, id, "request_extension",
                "newDeadline", "2026-03-11T17:00:00+08:00", "reason", "再延"));
        assertEquals(409, e.status());
        pending.unchanged();
        f.act(f.dispatcher, id, "deny_extension", "unitId", f.housing.id(), "opinion", "不同意");
        f.at("2026-03-05 17:00"); // the deadline instant itself: too late
        HotlineFixture.Snapshot late = f.snapshot(id);
        refused("DEADLINE_PASSED", () -> f.act(f.housingHandler, id, "request_extension",
                "newDeadline", "2026-03-12T17:00:00+08:00", "reason", "再延"));
        late.unchanged();
        f.at("2026-03-05 16:59");
        HotlineFixture.Snapshot early = f.snapshot(id);
        // before the deadline, a new deadline not after the current one is refused
        refused("INVALID_VALUE:newDeadline", () -> f.act(f.housingHandler, id, "request_extension",
                "newDeadline", "2026-03-05T17:00:00+08:00", "reason", "再延"));
        early.unchanged();
    }

    @Test
    public void aClosedRegistrationLeavesItemsReadableButNotActionable() throws Exception {
        long draft = f.draft("保留").id();
        long id = f.dispatched(f.housing);
        f.registration.close();
        f.registration = null;
        HotlineFixture.Snapshot before = f.snapshot(id);
        CivicException e = refused("LINE_NOT_INSTALLED", () -> f.act(f.housingHandler, id, "sign"));
        assertEquals(409, e.status());
        refused("LINE_NOT_INSTALLED", () -> f.act(f.dispatcher, draft, "dispatch", "unitIds", List.of(f.market.id())));
        // visibility is still checked first
        refused("NOT_FOUND", () -> f.act(f.otherCounty, id, "sign"));
        refused("NOT_FOUND", () -> f.kernel.create(f.dispatcher, LINE, in("title", "新件", "category", "ROAD"), "REST"));
        refused("NOT_FOUND", () -> f.kernel.query(f.dispatcher, LINE, ItemQuery.all(0, 10)));
        refused("NOT_FOUND", () -> f.kernel.worklistCounts(f.dispatcher, LINE));
        refused("NOT_FOUND", () -> f.kernel.line(LINE));
        before.unchanged();
        ItemView kept = f.kernel.get(f.housingHandler, id);
        assertFalse(kept.lineAvailable());
        assertEquals("DISPATCHED", kept.state());
        assertTrue(kept.availableActions().isEmpty());
        assertTrue(f.kernel.lines().isEmpty());

        // the plugin comes back: the same items can be acted on again
        f.registration = f.kernel.register(HotlineFixture.definition());
        assertEquals("HANDLING", part(f.act(f.housingHandler, id, "sign"), f.housing).state());
        assertTrue(f.kernel.get(f.housingHandler, id).lineAvailable());
    }
}
