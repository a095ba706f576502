package org.civic.plugins.linkage110;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.civic.core.api.CivicException;
import org.civic.core.api.Page;
import org.civic.core.api.PlatformClock;
import org.civic.core.api.org.Caller;
import org.civic.core.api.org.OrganizationService;
import org.civic.core.api.spi.FieldMasking;
import org.civic.core.api.workflow.ItemQuery;
import org.civic.core.api.workflow.ItemSummary;
import org.civic.core.api.workflow.ItemView;
import org.civic.core.api.workflow.WorkflowService;

/**
 * The district's views the kernel's generic lists cannot express (spec §7, §8): the 延期审批 list, the
 * event efficiency statistics per handling unit (事件效能统计, 8.1) and the event analysis (事件研判分析,
 * 8.2). Everything is read with the caller's own visibility, so a district sees its own appeals only.
 * Appellant phones are masked for callers who are not dispatchers (leaders, A11).
 */
final class Linkage110Views {

    /** More appeals than this in one statistic's scope is refused rather than computed slowly. */
    static final int MAX_APPEALS = 20_000;

    private final WorkflowService work;
    private final OrganizationService org;

    Linkage110Views(WorkflowService work, OrganizationService org) {
        this.work = work;
        this.org = org;
    }

    private static void districtOnly(Caller caller) {
        if (!caller.hasAnyRole(Linkage110Line.DISPATCHER, Linkage110Line.LEADER) && !caller.isGlobalAdmin()) {
            throw CivicException.forbidden("Only the district's dispatchers and leaders open this view");
        }
    }

    /** A11: phones as {@link Linkage110Masking} shows them to this caller. */
    static String phone(Caller caller, String phone) {
        if (phone == null || new Linkage110Masking().maskedFor(caller).isEmpty()) {
            return phone;
        }
        return FieldMasking.mask(phone);
    }

    /**
     * The appeals of the caller's district with unmasked fields, for statistics that group by phone (a
     * leader's masked phones could merge two appellants); the output is masked again for the caller. The
     * same set the caller sees: dispatchers and leaders see their region and below.
     */
    private List<ItemSummary> appealsForStatistics(Caller caller) {
        districtOnly(caller);
        return appeals(AutoCallbacks.system(), null, caller.isGlobalAdmin() ? null : caller.regionCode());
    }

    private List<ItemSummary> appeals(Caller caller, String state) {
        return appeals(caller, state, null);
    }

    private List<ItemSummary> appeals(Caller caller, String state, String region) {
        List<ItemSummary> out = new ArrayList<>();
        int offset = 0;
        while (true) {
            Page<ItemSummary> page = work.query(caller, Linkage110Line.LINE, new ItemQuery(state, null, region, null, null,
                    null, null, null, "createdAt", offset, Page.MAX_LIMIT));
            if (page.total() > MAX_APPEALS) {
                throw new CivicException(409, "EXPORT_TOO_LARGE", "More than " + MAX_APPEALS
                        + " appeals in scope; narrow the period");
            }
            for (ItemSummary s : page.items()) {
                if (!"DELETED".equals(s.state())) {
                    out.add(s);
                }
            }
            offset += page.items().size();
            if (page.items().isEmpty() || offset >= page.total()) {
                return out;
            }
        }
    }

    // ------------------------------------------------------------------ 延期审批

    static final List<String> EXTENSION_HEADERS = List.of("区级编号", "诉求标题", "承办单位", "当前办理期限", "申请办理期限",
            "申请原因", "申请时间", "申请人");
    static final List<String> EXTENSION_COLUMNS = List.of("districtNo", "title", "unitName", "currentDeadline",
            "newDeadline", "reason", "requestedAt", "requestedBy");

    /** Tasks with a PENDING extension request, oldest request first (spec §7). */
    List<Map<String, Object>> extensionRequests(Caller caller) {
        districtOnly(caller);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (ItemSummary s : appeals(caller, "DISPATCHED")) {
            if (s.fields().get("pendingExtensions") instanceof List<?> l) {
                for (Object o : l) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("appealId", s.id());
                    row.put("districtNo", s.fields().get("districtNo"));
                    row.put("title", s.title());
                    row.putAll((Map<? extends String, ?>) cast(o));
                    rows.add(row);
                }
            }
        }
        rows.sort(Comparator.comparing(r -> String.valueOf(r.get("requestedAt"))));
        return rows;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Object o) {
        return (Map<String, Object>) o;
    }

    // ------------------------------------------------------------------ 8.2 event analysis

    private static OffsetDateTime appealTime(ItemSummary s) {
        Object t = s.fields().get("appealTime");
        return t == null ? s.createdAt() : OffsetDateTime.parse(t.toString());
    }

    private static boolean within(OffsetDateTime t, LocalDate from, LocalDate to) {
        LocalDate d = t.atZoneSameInstant(PlatformClock.ZONE).toLocalDate();
        return (from == null || !d.isBefore(from)) && (to == null || !d.isAfter(to));
    }

    /** Spec 8.2 over appeals whose appealTime lies in [from, to] (inclusive dates). */
    Map<String, Object> analysis(Caller caller, LocalDate from, LocalDate to) {
        districtOnly(caller);
        List<ItemSummary> base = appealsForStatistics(caller).stream().filter(s -> within(appealTime(s), from, to))
                .toList();
        Map<String, Map<String, Long>> byMonth = new TreeMap<>();
        Map<String, Long> byStreet = new TreeMap<>();
        long[] byHour = new long[24];
        Map<String, List<ItemSummary>> byPhone = new HashMap<>();
        Map<String, Long> results = new LinkedHashMap<>();
        for (String r : new String[] {AppealRules.SATISFIED, AppealRules.UNSATISFIED, AppealRules.UNREACHABLE}) {
            results.put(r, 0L);
        }
        for (ItemSummary s : base) {
            ZonedDateTime t = appealTime(s).atZoneSameInstant(PlatformClock.ZONE);
            String month = t.toLocalDate().toString().substring(0, 7);
            String category = s.fields().get("category") == null ? "未分类" : s.fields().get("category").toString();
            byMonth.computeIfAbsent(month, m -> new TreeMap<>()).merge(category, 1L, Long::sum);
            Object street = s.fields().get("streetRegionCode");
            byStreet.merge(street == null ? "" : street.toString(), 1L, Long::sum);
            byHour[t.getHour()]++;
            Object phone = s.fields().get("appellantPhone");
            if (phone != null) {
                byPhone.computeIfAbsent(phone.toString(), p -> new ArrayList<>()).add(s);
            }
            Object result = s.fields().get("finalCallbackResult");
            if ("ARCHIVED".equals(s.state()) && result != null) {
                results.merge(result.toString(), 1L, Long::sum);
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("from", from == null ? null : from.toString());
        out.put("to", to == null ? null : to.toString());
        out.put("appeals", base.size());
        List<Map<String, Object>> category = new ArrayList<>();
        byMonth.forEach((month, counts) -> counts.forEach((c, n) -> category.add(row("month", month, "category", c,
                "count", n))));
        out.put("categoryByMonth", category);
        List<Map<String, Object>> streets = new ArrayList<>();
        Caller reader = AutoCallbacks.system();
        byStreet.forEach((code, n) -> streets.add(row("streetRegionCode", code.isEmpty() ? null : code,
                "street", code.isEmpty() ? "未填写" : streetName(reader, code), "count", n)));
        out.put("byStreet", streets);
        List<Map<String, Object>> hours = new ArrayList<>();
        for (int h = 0; h < 24; h++) {
            hours.add(row("hour", h, "count", byHour[h]));
        }
        out.put("byHour", hours);
        out.put("repeatAppellants", repeats(caller, byPhone));
        long decided = results.values().stream().mapToLong(Long::longValue).sum();
        List<Map<String, Object>> shares = new ArrayList<>();
        results.forEach((r, n) -> shares.add(row("result", r, "count", n, "share", rate(n, decided))));
        out.put("finalResults", shares);
        return out;
    }

    private String streetName(Caller reader, String code) {
        try {
            return org.getRegion(reader, code).name();
        } catch (CivicException e) {
            return code;
        }
    }

    /** Phones with two or more appeals whose appealTimes lie within 30 days of each other. */
    private static List<Map<String, Object>> repeats(Caller caller, Map<String, List<ItemSummary>> byPhone) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map.Entry<String, List<ItemSummary>> e : byPhone.entrySet()) {
            List<ItemSummary> list = new ArrayList<>(e.getValue());
            list.sort(Comparator.comparing(Linkage110Views::appealTime));
            List<String> numbers = new ArrayList<>();
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                boolean near = (i > 0 && close(list.get(i - 1), list.get(i)))
                        || (i + 1 < list.size() && close(list.get(i), list.get(i + 1)));
                if (near) {
                    numbers.add(String.valueOf(list.get(i).fields().get("districtNo")));
                    ids.add(list.get(i).id());
                }
            }
            if (numbers.size() >= 2) {
                // the ids beside the numbers: the district number is the link to the appeal's page (§3.1)
                rows.add(row("appellantPhone", phone(caller, e.getKey()), "count", numbers.size(), "districtNos", numbers,
                        "appealIds", ids));
            }
        }
        rows.sort(Comparator.comparing((Map<String, Object> r) -> -((Number) r.get("count")).intValue())
                .thenComparing(r -> String.valueOf(r.get("appellantPhone"))));
        return rows;
    }

    private static boolean close(ItemSummary a, ItemSummary b) {
        return Math.abs(ChronoUnit.SECONDS.between(appealTime(a), appealTime(b))) <= 30L * 24 * 3600;
    }

    // ------------------------------------------------------------------ 8.1 efficiency

    static final List<String> EFFICIENCY_COLUMNS = List.of("unitName", "dispatched", "cancelled", "signedOnTime", "signRate",
            "fedBack", "fedBackOnTime", "onTimeRate", "yellowCards", "redCards", "extensionsRequested",
            "extensionsApproved", "disputesRaised", "disputesAccepted", "sentBack", "deptCallbackSatisfied",
            "deptCallbackUnsatisfied", "deptCallbackUnreachable", "districtSatisfaction");
    static final List<String> EFFICIENCY_HEADERS = List.of("承办单位", "派发数", "改派撤回", "按时签收", "签收及时率(%)", "已反馈",
            "按时反馈", "按时办结率(%)", "黄牌", "红牌", "申请延期", "同意延期", "争议", "争议成立", "督办发回", "部门回访满意",
            "部门回访不满意", "部门回访无法联系", "群众满意率(%)");

    /** Spec 8.1: one row per handling unit over the tasks created in [from, to], plus the total. */
    Map<String, Object> efficiency(Caller caller, LocalDate from, LocalDate to) {
        districtOnly(caller);
        Map<Long, Efficiency> units = new TreeMap<>();
        Efficiency total = new Efficiency(0, "合计");
        for (ItemSummary s : appeals(caller, null)) {
            if (s.holders() == null || "DRAFT".equals(s.state())) {
                continue;
            }
            ItemView v = work.get(caller, s.id());
            for (ItemView.Assignment a : v.assignments()) {
                if (a.createdAt() == null || !within(a.createdAt(), from, to)) {
                    continue;
                }
                Efficiency u = units.computeIfAbsent(a.unitId(), id -> new Efficiency(id, a.unitName()));
                u.add(v, a);
                total.add(v, a);
            }
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        units.values().forEach(u -> rows.add(u.row()));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("from", from == null ? null : from.toString());
        out.put("to", to == null ? null : to.toString());
        out.put("rows", rows);
        out.put("total", total.row());
        return out;
    }

    /** The counts of one handling unit (or the total). */
    private static final class Efficiency {
        final long unitId;
        final String unitName;
        long dispatched;
        long cancelled;
        long signedOnTime;
        long fedBack;
        long fedBackOnTime;
        long yellow;
        long red;
        long extRequested;
        long extApproved;
        long disputes;
        long disputesAccepted;
        long sentBack;
        long cbSatisfied;
        long cbUnsatisfied;
        long cbUnreachable;
        long satisfied;
        long unsatisfied;
        final java.util.Set<Long> appealsCounted = new java.util.HashSet<>();

        Efficiency(long unitId, String unitName) {
            this.unitId = unitId;
            this.unitName = unitName;
        }

        void add(ItemView v, ItemView.Assignment a) {
            List<ItemView.AuditEntry> own = v.auditTrail().stream()
                    .filter(e -> e.assignmentId() != null && e.assignmentId() == a.id()).toList();
            disputes += own.stream().filter(e -> "dispute".equals(e.action())).count();
            disputesAccepted += own.stream().filter(e -> "accept_dispute".equals(e.action())).count();
            if ("CANCELLED".equals(a.state())) {
                cancelled++;
                return;
            }
            dispatched++;
            ItemView.Clock sign = first(a, "sign");
            if (sign != null && sign.stoppedAt() != null && !sign.stoppedAt().isAfter(sign.deadline())) {
                signedOnTime++;
            }
            boolean anyFeedback = own.stream().anyMatch(e -> "feedback".equals(e.action()));
            if (anyFeedback) {
                fedBack++;
                ItemView.Clock handling = first(a, "handling");
                if (handling != null && handling.stoppedAt() != null && !handling.stoppedAt().isAfter(handling.deadline())) {
                    fedBackOnTime++;
                }
            }
            yellow += a.cards().stream().filter(c -> "YELLOW".equalsIgnoreCase(c.colour())).count();
            red += a.cards().stream().filter(c -> "RED".equalsIgnoreCase(c.colour())).count();
            extRequested += own.stream().filter(e -> "request_extension".equals(e.action())).count();
            extApproved += own.stream().filter(e -> "approve_extension".equals(e.action())).count();
            for (ItemView.AuditEntry e : v.auditTrail()) {
                if ("supervise".equals(e.action()) && e.input() != null && e.input().get("unitIds") instanceof List<?> ids
                        && ids.stream().anyMatch(id -> ((Number) id).longValue() == a.unitId())) {
                    sentBack++;
                }
            }
            own.stream().filter(e -> "dept_callback".equals(e.action())).reduce((x, y) -> y).ifPresent(e -> {
                Object r = e.input() == null ? null : e.input().get("result");
                if (AppealRules.SATISFIED.equals(r)) {
                    cbSatisfied++;
                } else if (AppealRules.UNSATISFIED.equals(r)) {
                    cbUnsatisfied++;
                } else if (AppealRules.UNREACHABLE.equals(r)) {
                    cbUnreachable++;
                }
            });
            Object result = v.fields().get("finalCallbackResult");
            if ("ARCHIVED".equals(v.state()) && appealsCounted.add(v.id())) {
                if (AppealRules.SATISFIED.equals(result)) {
                    satisfied++;
                } else if (AppealRules.UNSATISFIED.equals(result)) {
                    unsatisfied++;
                }
            }
        }

        private static ItemView.Clock first(ItemView.Assignment a, String name) {
            return a.clocks().stream().filter(c -> name.equals(c.name()))
                    .min(Comparator.comparing(ItemView.Clock::startedAt)).orElse(null);
        }

        Map<String, Object> row() {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("unitId", unitId == 0 ? null : unitId);
            r.put("unitName", unitName);
            r.put("dispatched", dispatched);
            r.put("cancelled", cancelled);
            r.put("signedOnTime", signedOnTime);
            r.put("signRate", rate(signedOnTime, dispatched));
            r.put("fedBack", fedBack);
            r.put("fedBackOnTime", fedBackOnTime);
            r.put("onTimeRate", rate(fedBackOnTime, dispatched));
            r.put("yellowCards", yellow);
            r.put("redCards", red);
            r.put("extensionsRequested", extRequested);
            r.put("extensionsApproved", extApproved);
            r.put("disputesRaised", disputes);
            r.put("disputesAccepted", disputesAccepted);
            r.put("sentBack", sentBack);
            r.put("deptCallbackSatisfied", cbSatisfied);
            r.put("deptCallbackUnsatisfied", cbUnsatisfied);
            r.put("deptCallbackUnreachable", cbUnreachable);
            r.put("districtSatisfaction", rate(satisfied, satisfied + unsatisfied));
            return r;
        }
    }

    /** Percent with one decimal; null ("—") for a zero denominator. */
    static Double rate(long part, long whole) {
        return whole == 0 ? null : Math.round(part * 1000.0 / whole) / 10.0;
    }

    private static Map<String, Object> row(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
