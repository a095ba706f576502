package org.civic.plugins.supervision;

import static org.civic.plugins.supervision.Supervision.*;
import static org.civic.plugins.supervision.SupervisionRules.date;
import static org.civic.plugins.supervision.SupervisionRules.list;
import static org.civic.plugins.supervision.SupervisionRules.longs;
import static org.civic.plugins.supervision.SupervisionRules.num;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import org.civic.core.api.CivicException;
import org.civic.core.api.PlatformClock;
import org.civic.core.api.org.Caller;
import org.civic.core.api.workflow.ItemQuery;
import org.civic.core.api.workflow.ItemSummary;
import org.civic.core.api.workflow.ItemView;
import org.civic.core.api.workflow.WorkflowService;

/**
 * The line's own lists (spec §7) and the situation summary (§8.1), computed from the items the kernel
 * lets the caller see: the to-do list and read notices per person, the feedback pickers, and the item
 * lists by role with the filter by handling result. Kernel queries filter on kernel columns only, so
 * the line's fields (result status, source, lead unit, people) are filtered here.
 */
public final class SupervisionViews {

    /** Item lists by role: name → roles that may open it. */
    static final Map<String, String[]> VIEWS = Map.of(
            "department", new String[] {HEAD, DEPUTY, HANDLER},
            "summary", new String[] {LEADER, CLERK},
            "admin", new String[] {ADMIN},
            "office", new String[] {CLERK});

    static final List<String> ITEM_COLUMNS = List.of("itemNo", "title", "source", "leadUnitName", "coUnitIds",
            "assignedDate", "deadline", "promisedDate", "latestOutcome", "resultStatus", "state", "card", "headName",
            "deputyName", "handlerName", "lastFeedbackAt", "monthsWithoutFeedback", "handlerList");
    static final List<String> ITEM_HEADERS = List.of("督办编号", "督办事项", "督办来源", "承办（主办）单位", "协办单位", "交办时间",
            "办结时间", "承诺办结时间", "最新办理情况", "办理结果", "状态", "警示牌", "部处负责人", "分管负责人", "具体负责人", "最近反馈时间",
            "未反馈月数", "督办列表办理人");
    static final List<String> SUMMARY_COLUMNS = List.of("leadUnitName", "total", "open", "closed", "completionRate",
            "closedOnTime", "onTimeRate", "overdueOpen", "redCards", "withoutFeedbackLastMonth");
    static final List<String> SUMMARY_HEADERS = List.of("承办单位", "督办总数", "未结束", "已结束", "办结率", "按期办结", "按期办结率",
            "超期未结束", "红牌", "上月未反馈");

    private final WorkflowService work;
    private final Directory dir;
    private final PlatformClock clock;

    public SupervisionViews(WorkflowService work, Directory dir, PlatformClock clock) {
        this.work = work;
        this.dir = dir;
        this.clock = clock;
    }

    /** Every item of the line the caller can see (paged through the kernel), deleted drafts left out. */
    List<ItemSummary> visible(Caller caller) {
        return work.queryAll(caller, LINE, ItemQuery.all(0, 1).sorted("createdAt"), Integer.MAX_VALUE).stream()
                .filter(i -> !DELETED.equals(i.state())).toList();
    }

    /** 待办事项: the open flow nodes assigned to the caller, oldest arrival first. */
    public List<Map<String, Object>> todo(Caller caller) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (ItemSummary item : visible(caller)) {
            for (Map<String, Object> f : maps(item.fields().get("flows"))) {
                if (SupervisionRules.isOpen(f) && Objects.equals(num(f.get("assigneeUserId")), caller.userId())) {
                    List<Map<String, Object>> path = maps(f.get("path"));
                    Map<String, Object> row = base(item);
                    row.put("flowId", f.get("id"));
                    row.put("flowKind", f.get("kind"));
                    row.put("node", f.get("state"));
                    row.put("previousPerson", path.isEmpty() ? null : path.get(path.size() - 1).get("userName"));
                    row.put("arrivedAt", f.get("arrivedAt"));
                    rows.add(row);
                }
            }
        }
        rows.sort(Comparator.comparing(r -> String.valueOf(r.get("arrivedAt"))));
        return rows;
    }

    /** 待阅: the caller's notices, unread only unless {@code all}, newest first. */
    public List<Map<String, Object>> notices(Caller caller, boolean all) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (ItemSummary item : visible(caller)) {
            for (Map<String, Object> n : maps(item.fields().get("notices"))) {
                if (Objects.equals(num(n.get("userId")), caller.userId()) && (all || n.get("readAt") == null)) {
                    Map<String, Object> row = base(item);
                    row.put("noticeId", n.get("id"));
                    row.put("kind", n.get("kind"));
                    row.put("flowId", n.get("flowId"));
                    row.put("from", n.get("fromName"));
                    row.put("createdAt", n.get("createdAt"));
                    row.put("readAt", n.get("readAt"));
                    rows.add(row);
                }
            }
        }
        rows.sort(Comparator.comparing((Map<String, Object> r) -> String.valueOf(r.get("createdAt"))).reversed());
        return rows;
    }

    /** 关联督办事项: OPEN, NOT_COMPLETED items where the caller is on the lead chain (lead) or a co-handler (co). */
    public List<Map<String, Object>> picker(Caller caller, String kind) {
        if (!"lead".equals(kind) && !"co".equals(kind)) {
            throw CivicException.invalidValue("kind", "kind must be lead or co");
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (ItemSummary item : visible(caller)) {
            Map<String, Object> f = item.fields();
            if (!OPEN.equals(item.state()) || COMPLETED.equals(f.get("resultStatus"))) {
                continue;
            }
            boolean lead = List.of("headUserId", "deputyUserId", "handlerUserId").stream()
                    .anyMatch(k -> Objects.equals(num(f.get(k)), caller.userId()));
            boolean co = maps(f.get("coHandlers")).stream().anyMatch(c -> Objects.equals(num(c.get("userId")), caller.userId()));
            if ("lead".equals(kind) ? lead : co) {
                rows.add(row(item));
            }
        }
        rows.sort(Comparator.comparing(r -> String.valueOf(r.get("deadline"))));
        return rows;
    }

    /**
     * An item list by role with the filters of spec §7; {@code resultStatus} is the seed's main filter
     * (办理结果 已办结 / 未办结).
     */
    public List<Map<String, Object>> items(Caller caller, String view, Map<String, String> filter) {
        String[] roles = VIEWS.get(view);
        if (roles == null) {
            throw CivicException.notFound("No view " + view);
        }
        if (!caller.hasAnyRole(roles)) {
            throw CivicException.forbidden("Your role may not open the view " + view);
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (ItemSummary item : visible(caller)) {
            if (DRAFT.equals(item.state()) && !"office".equals(view)) {
                continue;
            }
            if ("department".equals(view) && !inDepartmentScope(caller, item)) {
                continue;
            }
            Map<String, Object> row = row(item);
            if (matches(row, item, filter)) {
                rows.add(row);
            }
        }
        Comparator<Map<String, Object>> order = "summary".equals(view)
                ? Comparator.comparing(r -> String.valueOf(r.get("deadline")))
                : Comparator.comparing((Map<String, Object> r) -> String.valueOf(r.get("sentAt"))).reversed();
        rows.sort(order);
        return rows;
    }

    /** S2 for department users: lead unit, named co-unit, a co-handler of the unit, or on the handler list. */
    private static boolean inDepartmentScope(Caller caller, ItemSummary item) {
        Map<String, Object> f = item.fields();
        if (Objects.equals(num(f.get("leadUnitId")), caller.unitId())
                || longs(f.get("coUnitIds")).contains(caller.unitId())) {
            return true;
        }
        return maps(f.get("coHandlers")).stream().anyMatch(c -> Objects.equals(num(c.get("unitId")), caller.unitId())
                || Objects.equals(num(c.get("userId")), caller.userId()));
    }

    private static boolean matches(Map<String, Object> row, ItemSummary item, Map<String, String> q) {
        return eq(q.get("resultStatus"), row.get("resultStatus")) && eq(q.get("state"), item.state())
                && eq(q.get("source"), row.get("source")) && eq(q.get("leadUnitId"), String.valueOf(row.get("leadUnitId")))
                && card(q.get("card"), item.card())
                && between(q.get("assignedFrom"), q.get("assignedTo"), row.get("assignedDate"))
                && between(q.get("deadlineFrom"), q.get("deadlineTo"), row.get("deadline"))
                && text(q.get("q"), item);
    }

    private static boolean eq(String wanted, Object value) {
        return wanted == null || wanted.isBlank() || wanted.equals(String.valueOf(value));
    }

    private static boolean card(String wanted, String card) {
        if (wanted == null || wanted.isBlank()) {
            return true;
        }
        String c = card == null ? "NONE" : card.toUpperCase();
        return "RED".equalsIgnoreCase(wanted) ? c.equals("RED")
                : "YELLOW".equalsIgnoreCase(wanted) ? !c.equals("NONE") : c.equals(wanted.toUpperCase());
    }

    private static boolean between(String from, String to, Object value) {
        if ((from == null || from.isBlank()) && (to == null || to.isBlank())) {
            return true;
        }
        if (value == null) {
            return false;
        }
        LocalDate d = date(value);
        return (from == null || from.isBlank() || !d.isBefore(LocalDate.parse(from)))
                && (to == null || to.isBlank() || !d.isAfter(LocalDate.parse(to)));
    }

    private static boolean text(String q, ItemSummary item) {
        if (q == null || q.isBlank()) {
            return true;
        }
        Object content = item.fields().get("content");
        return String.valueOf(item.title()).contains(q) || content != null && content.toString().contains(q)
                || String.valueOf(item.fields().get("itemNo")).contains(q);
    }

    private static Map<String, Object> base(ItemSummary item) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("itemId", item.id());
        row.put("itemNo", item.fields().get("itemNo"));
        row.put("title", item.title());
        row.put("deadline", item.fields().get("deadline"));
        row.put("card", item.card());
        return row;
    }

    /** One row of an item list: the columns of spec §7. */
    Map<String, Object> row(ItemSummary item) {
        Map<String, Object> f = item.fields();
        Map<String, Object> row = base(item);
        row.put("source", f.get("source"));
        row.put("leadUnitId", f.get("leadUnitId"));
        row.put("leadUnitName", unitName(num(f.get("leadUnitId"))));
        row.put("coUnitIds", f.get("coUnitIds"));
        row.put("assignedDate", f.get("assignedDate"));
        row.put("promisedDate", f.get("promisedDate"));
        row.put("latestOutcome", f.get("latestOutcome"));
        row.put("resultStatus", f.get("resultStatus"));
        row.put("state", item.state());
        row.put("sentAt", f.get("sentAt"));
        row.put("headName", f.get("headName"));
        row.put("deputyName", f.get("deputyName"));
        row.put("handlerName", f.get("handlerName"));
        row.put("lastFeedbackAt", f.get("lastFeedbackAt"));
        row.put("monthsWithoutFeedback", monthsWithoutFeedback(item));
        List<String> handlers = new ArrayList<>();
        for (String k : new String[] {"headName", "deputyName", "handlerName"}) {
            if (f.get(k) != null) {
                handlers.add(f.get(k).toString());
            }
        }
        maps(f.get("coHandlers")).forEach(c -> handlers.add(String.valueOf(c.get("userName"))));
        row.put("handlerList", String.join("、", handlers));
        return row;
    }

    /**
     * Whole calendar months since the month of the last feedback (an OPEN item fed back on 02-20 has one
     * month without feedback on 04-01: March); null for items not OPEN or never fed back.
     */
    Long monthsWithoutFeedback(ItemSummary item) {
        Object last = item.fields().get("lastFeedbackAt");
        if (!OPEN.equals(item.state()) || last == null) {
            return null;
        }
        YearMonth from = YearMonth.from(OffsetDateTime.parse(last.toString()).atZoneSameInstant(PlatformClock.ZONE));
        YearMonth now = YearMonth.from(clock.now().atZone(PlatformClock.ZONE));
        return Math.max(0, from.until(now, java.time.temporal.ChronoUnit.MONTHS) - 1);
    }

    private final Map<Long, String> unitNames = new java.util.concurrent.ConcurrentHashMap<>();

    private String unitName(Long id) {
        if (id == null) {
            return null;
        }
        return unitNames.computeIfAbsent(id, k -> {
            Directory.Org u = dir.unit(k);
            return u == null ? String.valueOf(k) : u.name();
        });
    }

    /**
     * 情况汇总 (spec 8.1): per lead unit, items sent in [from, to] (dates, inclusive; null: open-ended) of the
     * given source. {@code asOf} decides "the previous calendar month".
     */
    public Map<String, Object> summary(Caller caller, LocalDate from, LocalDate to, String source, OffsetDateTime asOf) {
        if (!caller.hasAnyRole(LEADER, CLERK)) {
            throw CivicException.forbidden("Only leaders and the supervision office see the situation summary");
        }
        YearMonth previous = YearMonth.from(asOf.atZoneSameInstant(PlatformClock.ZONE)).minusMonths(1);
        OffsetDateTime previousStart = previous.atDay(1).atStartOfDay(PlatformClock.ZONE).toOffsetDateTime();
        Map<String, long[]> byUnit = new TreeMap<>();
        long[] total = new long[8];
        for (ItemSummary item : visible(caller)) {
            Map<String, Object> f = item.fields();
            if (DRAFT.equals(item.state()) || f.get("sentAt") == null) {
                continue;
            }
            LocalDate sent = OffsetDateTime.parse(f.get("sentAt").toString()).atZoneSameInstant(PlatformClock.ZONE)
                    .toLocalDate();
            if (from != null && sent.isBefore(from) || to != null && sent.isAfter(to)
                    || source != null && !source.isBlank() && !source.equals(f.get("source"))) {
                continue;
            }
            long[] c = byUnit.computeIfAbsent(unitName(num(f.get("leadUnitId"))), k -> new long[8]);
            boolean closed = CLOSED.equals(item.state());
            boolean onTime = closed && f.get("closedAt") != null && !OffsetDateTime.parse(f.get("closedAt").toString())
                    .atZoneSameInstant(PlatformClock.ZONE).toLocalDate().isAfter(date(f.get("deadline")));
            boolean yellow = item.card() != null;
            boolean red = "RED".equalsIgnoreCase(item.card());
            Object last = f.get("lastFeedbackAt");
            boolean noFeedback = OPEN.equals(item.state())
                    && (last == null || OffsetDateTime.parse(last.toString()).isBefore(previousStart));
            long[] add = {1, closed ? 0 : 1, closed ? 1 : 0, onTime ? 1 : 0, !closed && yellow ? 1 : 0, red ? 1 : 0,
                noFeedback ? 1 : 0};
            for (int i = 0; i < add.length; i++) {
                c[i] += add[i];
                total[i] += add[i];
            }
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        byUnit.forEach((unit, c) -> rows.add(summaryRow(unit, c)));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("rows", rows);
        out.put("total", summaryRow("合计", total));
        return out;
    }

    private static Map<String, Object> summaryRow(String unit, long[] c) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("leadUnitName", unit);
        r.put("total", c[0]);
        r.put("open", c[1]);
        r.put("closed", c[2]);
        r.put("completionRate", rate(c[2], c[0]));
        r.put("closedOnTime", c[3]);
        r.put("onTimeRate", rate(c[3], c[2]));
        r.put("overdueOpen", c[4]);
        r.put("redCards", c[5]);
        r.put("withoutFeedbackLastMonth", c[6]);
        return r;
    }

    /**
     * The work items of other lines this supervision item is linked to ({@code supervises}), read live
     * through the kernel: their state, holders, running deadlines and cards. An item the caller may not
     * see is named only ({@code visible} false).
     */
    public List<Map<String, Object>> linked(Caller caller, long itemId) {
        ItemView item = work.get(caller, itemId);
        if (!LINE.equals(item.line())) {
            throw CivicException.notFound("No supervision item " + itemId);
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (ItemView.Link l : item.links()) {
            if (!"OUT".equals(l.direction()) || !SupervisionRules.LINK_KIND.equals(l.kind())) {
                continue;
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("kind", l.kind());
            row.put("line", l.line());
            row.put("visible", l.visible());
            if (l.visible()) {
                ItemView other = work.get(caller, l.itemId());
                row.put("itemId", other.id());
                row.put("number", other.number());
                row.put("title", other.title());
                row.put("state", other.state());
                row.put("stateLabel", other.stateLabel());
                row.put("terminal", other.terminal());
                List<Map<String, Object>> holders = new ArrayList<>();
                for (ItemView.Assignment a : other.assignments()) {
                    Map<String, Object> h = new LinkedHashMap<>();
                    h.put("unitName", a.unitName());
                    h.put("state", a.state());
                    h.put("stateLabel", a.stateLabel());
                    h.put("active", a.active());
                    holders.add(h);
                }
                row.put("holders", holders);
                List<Map<String, Object>> clocks = new ArrayList<>();
                List<ItemView.Clock> all = new ArrayList<>(other.clocks());
                other.assignments().forEach(a -> all.addAll(a.clocks()));
                for (ItemView.Clock c : all) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("name", c.name());
                    m.put("assignmentId", c.assignmentId());
                    m.put("label", c.label());
                    m.put("status", c.status());
                    m.put("deadline", c.deadline() == null ? null : c.deadline().toString());
                    m.put("remainingMinutes", c.remainingMinutes());
                    m.put("overdue", c.overdue());
                    clocks.add(m);
                }
                row.put("clocks", clocks);
                row.put("cards", other.cards().stream().map(c -> c.colour()).toList());
            }
            rows.add(row);
        }
        return rows;
    }

    /** One decimal and a percent sign; "—" when the denominator is 0 (spec 8.1). */
    static String rate(long part, long whole) {
        return whole == 0 ? "—" : String.format("%.1f%%", part * 100.0 / whole);
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> maps(Object o) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object x : list(o)) {
            out.add((Map<String, Object>) x);
        }
        return out;
    }
}
