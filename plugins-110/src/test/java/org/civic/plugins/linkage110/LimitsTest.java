package org.civic.plugins.linkage110;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.civic.core.api.workflow.ItemView;
import org.junit.Test;

/** Spec 6.5: every limit configurable per district (etc/org.civic.linkage110.cfg); and the 延期审批 list's data. */
public class LimitsTest {

    @Test
    public void districtValuesOverrideTheDefaultsAndTyposAreIgnored() {
        Limits l = Limits.from(Map.of("limits.sign.officeMinutes", "90", "limits.620102.sign.officeMinutes", "60",
                "limits.620102.handling.workingDays", " 5 ", "limits.620102.bogus", "1", "limits.callback.workingDays", "-1",
                "limits.410311.autoCallback.timeoutMinutes", "x", "ivr.url", "http://ivr"));
        assertEquals(60, l.of("620102", Limits.SIGN_OFFICE_MINUTES));
        assertEquals(90, l.of("410311", Limits.SIGN_OFFICE_MINUTES));
        assertEquals(90, l.global(Limits.SIGN_OFFICE_MINUTES));
        assertEquals(5, l.of("620102", Limits.HANDLING_WORKING_DAYS));
        assertEquals(3, l.of("410311", Limits.HANDLING_WORKING_DAYS));
        assertEquals(1, l.of("620102", Limits.CALLBACK_WORKING_DAYS));
        assertEquals(30, l.of("410311", Limits.AUTO_CALLBACK_MINUTES));
        assertTrue(l.differs("620102", Limits.SIGN_OFFICE_MINUTES));
        assertTrue(!l.differs("410311", Limits.SIGN_OFFICE_MINUTES));
        assertEquals(120, Limits.defaults().of("620102", Limits.SIGN_OFFICE_MINUTES));
        assertEquals(7, l.effective("620102").size());
        assertEquals(3, l.of("620102", Limits.RED_WORKING_DAYS));
    }

    private static OffsetDateTime deadline(ItemView v, String clock) {
        return v.assignments().get(0).clocks().stream().filter(c -> clock.equals(c.name())).reduce((a, b) -> b)
                .orElseThrow().deadline();
    }

    @Test
    public void aDistrictsOwnLimitsSetItsDeadlinesAndCards() throws Exception {
        try (Linkage110Fixture f = new Linkage110Fixture(Limits.from(Map.of("limits.620102.sign.officeMinutes", "60",
                "limits.620102.handling.workingDays", "5", "limits.620102.callback.workingDays", "2")))) {
            long a = f.draft().id();
            f.at("2026-03-02 10:00");
            ItemView v = f.act(f.tianjing, a, "dispatch", "handlingUnitIds", List.of(f.zyl.id()));
            assertEquals(OffsetDateTime.parse("2026-03-02T11:00+08:00").toInstant(), deadline(v, "sign").toInstant());
            assertEquals(OffsetDateTime.parse("2026-03-09T17:00+08:00").toInstant(), deadline(v, "handling").toInstant());
            f.at("2026-03-02 11:00");
            f.kernel.raiseDueCards();
            assertEquals("the sign card follows the moved deadline", 1, f.get(a).assignments().get(0).cards().size());
            f.at("2026-03-03 15:00");
            f.act(f.baiyun, a, "sign");
            v = f.act(f.baiyun, a, "feedback", "content", "已约谈餐馆经营者，责令整改");
            assertEquals(OffsetDateTime.parse("2026-03-05T15:00+08:00").toInstant(), deadline(v, "callback").toInstant());
            // a dispatcher's own deadline wins over the district's limit
            long b = f.draft().id();
            v = f.act(f.tianjing, b, "dispatch", "handlingUnitIds", List.of(f.zyl.id()),
                    "handlingDeadline", "2026-03-04T12:00:00+08:00");
            assertEquals(OffsetDateTime.parse("2026-03-04T12:00+08:00").toInstant(), deadline(v, "handling").toInstant());
        }
    }

    @Test
    public void aDistrictsOwnRedCardDistanceFollowsItsYellowCards() throws Exception {
        try (Linkage110Fixture f = new Linkage110Fixture(Limits.from(Map.of("limits.620102.red.workingDays", "2")))) {
            long a = f.draft().id();
            f.at("2026-03-02 10:00");
            f.act(f.tianjing, a, "dispatch", "handlingUnitIds", List.of(f.zyl.id()));
            f.act(f.baiyun, a, "sign");
            f.at("2026-03-05 17:00");
            f.kernel.raiseDueCards();
            f.at("2026-03-09 16:59");
            f.kernel.raiseDueCards();
            assertEquals(1, f.get(a).cards().size());
            f.at("2026-03-09 17:00");
            f.kernel.raiseDueCards();
            assertEquals("red 2 working days after the yellow one", OffsetDateTime.parse("2026-03-09T17:00+08:00")
                    .toInstant(), f.get(a).cards().get(1).raisedAt().toInstant());
            // a send-back's new handling clock keeps the district's distance
            long b = f.draft().id();
            f.act(f.tianjing, b, "dispatch", "handlingUnitIds", List.of(f.zyl.id()));
            f.act(f.baiyun, b, "sign");
            f.act(f.baiyun, b, "feedback", "content", "已约谈餐馆经营者，责令整改");
            f.act(f.tianjing, b, "supervise", "unitIds", List.of(f.zyl.id()), "opinion", "反馈内容与现场不符，请重新核查",
                    "handlingDeadline", "2026-03-10T17:00:00+08:00");
            f.at("2026-03-10 17:00");
            f.kernel.raiseDueCards();
            f.at("2026-03-12 17:00");
            f.kernel.raiseDueCards();
            assertEquals(List.of("YELLOW", "RED"), f.get(b).cards().stream().map(ItemView.Card::colour).toList());
            assertEquals(OffsetDateTime.parse("2026-03-12T17:00+08:00").toInstant(),
                    f.get(b).cards().get(1).raisedAt().toInstant());
        }
        try (Linkage110Fixture f = new Linkage110Fixture()) {
            long a = f.draft().id();
            f.at("2026-03-02 10:00");
            f.act(f.tianjing, a, "dispatch", "handlingUnitIds", List.of(f.zyl.id()));
            f.at("2026-03-09 17:00");
            f.kernel.raiseDueCards();
            assertEquals("the spec's 3 days elsewhere", 1, f.get(a).cards().stream()
                    .filter(c -> c.clock().equals("handling")).count());
        }
    }

    @Test
    public void extensionRequestsAreListedUntilDecidedOrWithdrawnByFeedback() throws Exception {
        try (Linkage110Fixture f = new Linkage110Fixture()) {
            long a = f.draft().id();
            f.at("2026-03-02 10:00");
            f.act(f.tianjing, a, "dispatch", "handlingUnitIds", List.of(f.zyl.id()));
            f.act(f.baiyun, a, "sign");
            f.at("2026-03-04 10:00");
            f.act(f.baiyun, a, "request_extension", "newDeadline", "2026-03-10T17:00:00+08:00", "reason",
                    "需协调市场监管部门联合检查");
            List<?> pending = (List<?>) f.get(a).fields().get("pendingExtensions");
            assertEquals(1, pending.size());
            Map<?, ?> r = (Map<?, ?>) pending.get(0);
            assertEquals("需协调市场监管部门联合检查", r.get("reason"));
            assertEquals("2026-03-05T17:00+08:00", r.get("currentDeadline"));
            assertEquals(f.zyl.id(), ((Number) r.get("unitId")).longValue());
            f.act(f.tianjing, a, "approve_extension", "unitId", f.zyl.id());
            assertTrue(((List<?>) f.get(a).fields().get("pendingExtensions")).isEmpty());
            f.act(f.baiyun, a, "request_extension", "newDeadline", "2026-03-12T17:00:00+08:00", "reason", "仍需协调相关部门");
            f.act(f.tianjing, a, "reject_extension", "unitId", f.zyl.id(), "opinion", "请按期办结");
            assertTrue(((List<?>) f.get(a).fields().get("pendingExtensions")).isEmpty());
            f.act(f.baiyun, a, "request_extension", "newDeadline", "2026-03-12T17:00:00+08:00", "reason", "再次申请延期");
            f.act(f.baiyun, a, "feedback", "content", "已约谈餐馆经营者，责令整改");
            assertTrue(((List<?>) f.get(a).fields().get("pendingExtensions")).isEmpty());
        }
    }
}
