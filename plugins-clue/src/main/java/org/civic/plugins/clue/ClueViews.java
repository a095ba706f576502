package org.civic.plugins.clue;

import static org.civic.plugins.clue.Clue.*;
import static org.civic.plugins.clue.ClueRules.asMap;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import org.civic.core.api.CivicException;
import org.civic.core.api.Page;
import org.civic.core.api.PlatformClock;
import org.civic.core.api.org.Caller;
import org.civic.core.api.org.Region;
import org.civic.core.api.org.RegionCodes;
import org.civic.core.api.org.RegionLevel;
import org.civic.core.api.spi.FieldMasking;
import org.civic.core.api.workflow.ItemQuery;
import org.civic.core.api.workflow.ItemSummary;
import org.civic.core.api.workflow.ItemView;
import org.civic.core.api.workflow.WorkflowService;

/**
 * The clue line's lists (spec §7), read-only views (5.3) and statistics (§8), computed from the clues the
 * kernel lets the caller see (scope S1: the region and below, plus what the unit holds or ever held). Kernel
 * queries filter on kernel columns only, so the clue's own fields (holder, tags, notes, feedback digest,
 * merge group) are filtered here. Phones are masked in every row.
 */
public final class ClueViews {

    /** Lists by name → roles that may open them. */
    static final Map<String, Set<String>> LISTS = Map.of(
            "pending-receipt", Set.of(CITY_OFFICER, COUNTY_OFFICER),
            "case-management", Set.of(OFFICERS),
            "province-transfer", Set.of(PROVINCE_OFFICER),
            "city-transfer", Set.of(CITY_OFFICER),
            "review-pending", Set.of(CITY_OFFICER, PROVINCE_OFFICER),
            "reviewed", Set.of(CITY_OFFICER, PROVINCE_OFFICER),
            "query", Set.of(OFFICERS),
            "merge-candidates", Set.of(OFFICERS));

    static final List<String> ROW_COLUMNS = List.of("clueNo", "complainantName", "complainantPhone", "respondentName",
            "workplace", "submittedAt", "stateLabel", "holderUnitName", "receivedAt", "tagLabel", "tagOpinion",
            "completedAt", "mergeGroupNo", "card");
    static final List<String> ROW_HEADERS = List.of("线索编号", "投诉人", "联系电话", "被反映单位", "实际用工所在地", "反映时间", "状态",
            "当前办理单位", "接收时间", "标记", "退回/驳回意见", "办结时间", "合并编号", "警示牌");

    private static final Map<String, String> STATE_ZH = Map.of(PENDING_RECEIPT, "待接收", HANDLING, "办理中",
            PENDING_CITY_REVIEW, "待市级审核", PENDING_PROVINCE_REVIEW, "待省级审核", COMPLETED, "已办结");

    private final WorkflowService work;
    private final ClueOrg org;
    private final PlatformClock clock;

    public ClueViews(WorkflowService work, ClueOrg org, PlatformClock clock) {
        this.work = work;
        this.org = org;
        this.clock = clock;
    }

    static void requireOfficer(Caller caller) {
        if (!caller.hasAnyRole(OFFICERS)) {
            throw CivicException.forbidden("Only clue officers may open the clue line's views");
        }
    }

    /** At most this many clues in one view or statistic (a province's several years); beyond, narrow the period. */
    static final int MAX_CLUES = 50_000;

    /** Every clue the caller can see, oldest first. */
    List<ItemSummary> visible(Caller caller) {
        return work.queryAll(caller, LINE, ItemQuery.all(0, 1).sorted("createdAt"), MAX_CLUES);
    }

    // ------------------------------------------------------------------ lists (§7)

    /** One list of §7, filtered, sorted and paged: {@code {items, total, offset, limit}}. */
    Map<String, Object> list(Caller caller, String name, Map<String, String> filter) {
        Set<String> roles = LISTS.get(name);
        if (roles == null) {
            throw CivicException.notFound("No clue list " + name);
        }
        if (roles.stream().noneMatch(caller::hasRole)) {
            throw CivicException.forbidden("Your role may not open the list " + name);
        }
        List<Map<String, Object>> rows = rows(caller, name, filter);
        int offset = intParam(filter, "offset", 0, 0, Integer.MAX_VALUE);
        int limit = intParam(filter, "limit", 20, 1, Page.MAX_LIMIT);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("items", rows.subList(Math.min(offset, rows.size()), Math.min(rows.size(), offset + limit)));
        out.put("total", rows.size());
        out.put("offset", offset);
        out.put("limit", limit);
        if ("merge-candidates".equals(name)) {
            out.put("groups", candidateGroups(rows));
        }
        return out;
    }

    /** Every row of a list (for exports: no paging). */
    List<Map<String, Object>> rows(Caller caller, String name, Map<String, String> filter) {
        long unit = caller.unitId();
        Map<String, Long> reads = readMarks();
        Predicate<Map<String, Object>> holds = f -> num(f.get("holderUnitId")) == unit;
        List<Map<String, Object>> rows = new ArrayList<>();
        for (ItemSummary s : visible(caller)) {
            Map<String, Object> f = s.fields();
            boolean keep = switch (name) {
                case "pending-receipt" -> PENDING_RECEIPT.equals(s.state()) && holds.test(f);
                case "case-management", "province-transfer", "city-transfer" -> HANDLING.equals(s.state()) && holds.test(f);
                case "review-pending" -> holds.test(f) && (caller.hasRole(CITY_OFFICER) && PENDING_CITY_REVIEW.equals(s.state())
                        || caller.hasRole(PROVINCE_OFFICER) && PENDING_PROVINCE_REVIEW.equals(s.state()));
                case "reviewed" -> myReviews(f, unit).size() > 0;
                case "merge-candidates" -> COMPLETED.equals(s.state()) && f.get("mergeGroupNo") == null;
                default -> true;
            };
            if (keep) {
                Map<String, Object> row = row(s, caller, reads);
                if (("query".equals(name) || "merge-candidates".equals(name)) && !matches(row, f, s, filter)) {
                    continue;
                }
                if ("reviewed".equals(name)) {
                    Map<String, Object> mine = myReviews(f, unit).get(myReviews(f, unit).size() - 1);
                    row.put("myResult", mine.get("result"));
                    row.put("myOpinion", mine.get("opinion"));
                    row.put("reviewedAt", mine.get("reviewedAt"));
                }
                rows.add(row);
            }
        }
        String sort = filter.get("sort");
        if (sort == null || sort.isBlank()) {
            sort = switch (name) {
                case "pending-receipt" -> "entryAt";
                case "case-management", "province-transfer", "city-transfer" -> "-lastTransitionAt";
                case "review-pending" -> "reviewSubmittedAt";
                case "reviewed" -> "-reviewedAt";
                case "merge-candidates" -> "-completedAt";
                default -> "-submittedAt";
            };
        }
        sort(rows, sort);
        return rows;
    }

    private static List<Map<String, Object>> myReviews(Map<String, Object> f, long unit) {
        List<Map<String, Object>> mine = new ArrayList<>();
        for (Object o : ClueRules.list(f.get("reviews"))) {
            if (num(asMap(o).get("reviewerUnitId")) == unit) {
                mine.add(asMap(o));
            }
        }
        return mine;
    }

    /** A list row: the clue's columns with the phone masked, the tag and the caller's unread notes. */
    Map<String, Object> row(ItemSummary s, Caller caller, Map<String, Long> reads) {
        Map<String, Object> f = s.fields();
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("id", s.id());
        r.put("clueNo", s.number());
        r.put("channel", f.get("channel"));
        r.put("complainantName", f.get("complainantName"));
        r.put("complainantPhone", f.get("complainantPhone") == null ? null : FieldMasking.mask(f.get("complainantPhone")));
        r.put("respondentName", f.get("respondentName"));
        r.put("workplaceCityCode", f.get("workplaceCityCode"));
        r.put("workplaceCountyCode", f.get("workplaceCountyCode"));
        r.put("workplace", workplace(f));
        r.put("submittedAt", f.get("submittedAt"));
        r.put("state", s.state());
        r.put("stateLabel", STATE_ZH.get(s.state()));
        r.put("holderUnitId", f.get("holderUnitId"));
        r.put("holderUnitName", f.get("holderUnitName"));
        r.put("holderLevel", f.get("holderLevel"));
        r.put("sentByUnitName", f.get("sentByUnitName"));
        r.put("sentAt", f.get("sentAt"));
        r.put("entryAt", f.get("entryAt"));
        r.put("receivedAt", f.get("receivedAt"));
        r.put("completedAt", f.get("completedAt"));
        r.put("lastTransitionAt", f.get("lastTransitionAt"));
        String tag = "RETURN".equals(f.get("lastTransition")) ? "RETURNED"
                : "REJECT".equals(f.get("lastTransition")) ? "REJECTED" : null;
        r.put("tag", tag);
        r.put("tagLabel", tag == null ? null : "RETURNED".equals(tag) ? "已退回" : "已驳回");
        r.put("tagOpinion", tag == null ? null
                : asMap("RETURNED".equals(tag) ? f.get("lastReturn") : f.get("lastRejection")).get("opinion"));
        r.put("unreadNotes", unread(s.id(), f, caller, reads));
        r.put("reviewSubmittedByUnitName", f.get("reviewSubmittedByUnitName"));
        r.put("reviewSubmittedAt", f.get("reviewSubmittedAt"));
        Map<String, Object> feedback = asMap(f.get("completionFeedback"));
        String summary = (String) feedback.get("resultSummary");
        r.put("resultSummary", summary == null ? null : summary.length() > 50 ? summary.substring(0, 50) : summary);
        r.put("digest", feedback.get("digest"));
        r.put("mergeGroupNo", f.get("mergeGroupNo"));
        r.put("deadline", s.deadline());
        r.put("card", s.card());
        return r;
    }

    private String workplace(Map<String, Object> f) {
        String city = (String) f.get("workplaceCityCode");
        String county = (String) f.get("workplaceCountyCode");
        if (city == null) {
            return null;
        }
        return county == null ? org.regionName(city) : org.regionName(city) + "/" + org.regionName(county);
    }

    private boolean matches(Map<String, Object> row, Map<String, Object> f, ItemSummary s, Map<String, String> q) {
        if (present(q, "clueNo") && !q.get("clueNo").trim().equals(s.number())) {
            return false;
        }
        if (present(q, "complainantName") && !contains(f.get("complainantName"), q.get("complainantName"))) {
            return false;
        }
        if (present(q, "complainantPhone") && !q.get("complainantPhone").trim().equals(f.get("complainantPhone"))) {
            return false;
        }
        if (present(q, "respondentName") && !contains(f.get("respondentName"), q.get("respondentName"))) {
            return false;
        }
        if (present(q, "workplaceCityCode") && !q.get("workplaceCityCode").trim().equals(f.get("workplaceCityCode"))) {
            return false;
        }
        if (present(q, "workplaceCountyCode") && !q.get("workplaceCountyCode").trim().equals(f.get("workplaceCountyCode"))) {
            return false;
        }
        if (present(q, "state") && !Arrays.asList(q.get("state").split(",")).contains(s.state())) {
            return false;
        }
        if (present(q, "holderLevel") && !q.get("holderLevel").trim().equals(f.get("holderLevel"))) {
            return false;
        }
        if (present(q, "channel") && !q.get("channel").trim().equals(f.get("channel"))) {
            return false;
        }
        if (!inRange((String) f.get("submittedAt"), date(q, "submittedFrom"), date(q, "submittedTo"))) {
            return false;
        }
        if ((present(q, "completedFrom") || present(q, "completedTo")) && (f.get("completedAt") == null
                || !inRange((String) f.get("completedAt"), date(q, "completedFrom"), date(q, "completedTo")))) {
            return false;
        }
        if (present(q, "merged") && bool(q, "merged") != (f.get("mergeGroupNo") != null)) {
            return false;
        }
        if (present(q, "hasCard") && bool(q, "hasCard") != (s.card() != null)) {
            return false;
        }
        return !present(q, "hasUnreadNotes") || bool(q, "hasUnreadNotes") == (num(row.get("unreadNotes")) > 0);
    }

    /** Candidates sharing one completion-feedback digest (案件合并: the page groups them). */
    private static List<Map<String, Object>> candidateGroups(List<Map<String, Object>> rows) {
        Map<Object, List<Object>> byDigest = new LinkedHashMap<>();
        for (Map<String, Object> r : rows) {
            byDigest.computeIfAbsent(r.get("digest"), d -> new ArrayList<>()).add(r.get("id"));
        }
        List<Map<String, Object>> groups = new ArrayList<>();
        byDigest.forEach((d, ids) -> {
            if (d != null && ids.size() > 1) {
                groups.add(Map.of("digest", d, "clueIds", ids));
            }
        });
        return groups;
    }

    // ------------------------------------------------------------------ workbench (A13)

    Map<String, Object> workbench(Caller caller) {
        requireOfficer(caller);
        Map<String, Object> counts = new LinkedHashMap<>();
        for (String name : List.of("pending-receipt", "case-management", "province-transfer", "city-transfer",
                "review-pending")) {
            if (LISTS.get(name).stream().anyMatch(caller::hasRole)) {
                counts.put(name, rows(caller, name, Map.of()).size());
            }
        }
        return Map.of("counts", counts);
    }

    // ------------------------------------------------------------------ read-only operations (5.3)

    private ItemView clue(Caller caller, long id) {
        requireOfficer(caller);
        ItemView v = work.get(caller, id);
        if (!LINE.equals(v.line())) {
            throw CivicException.notFound("No clue " + id);
        }
        return v;
    }

    /** 查看进度反馈: every progress summary, newest first. */
    List<Object> progress(Caller caller, long id) {
        List<Object> all = new ArrayList<>(ClueRules.list(clue(caller, id).fields().get("progress")));
        java.util.Collections.reverse(all);
        return all;
    }

    /** 查看补充说明: every note, newest first; opening it marks the notes read for the caller's unit. */
    List<Object> notes(Caller caller, long id) {
        List<Object> all = new ArrayList<>(ClueRules.list(clue(caller, id).fields().get("notes")));
        work.setMark(LINE, readKey(id, caller.unitId()), clock.now().toEpochMilli());
        java.util.Collections.reverse(all);
        return all;
    }

    /** 办结反馈（查看）: the complainant's registration next to the current feedback and the earlier ones. */
    Map<String, Object> completionFeedback(Caller caller, long id) {
        clue(caller, id);
        // The ID number is shown here only (A3): read unmasked by the line itself, now that the caller is known to see it.
        Map<String, Object> f = work.get(ClueOrg.system(), id).fields();
        Map<String, Object> registration = new LinkedHashMap<>();
        for (String k : List.of("clueNo", "channel", "complainantName", "complainantPhone", "complainantIdNo",
                "respondentName", "projectName", "workplaceCityCode", "workplaceCountyCode", "workplaceAddress", "content",
                "amountInvolved", "peopleInvolved", "submittedAt")) {
            registration.put(k, f.get(k));
        }
        registration.put("workplace", workplace(f));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("registration", registration);
        out.put("current", f.get("completionFeedback"));
        out.put("history", ClueRules.list(f.get("feedbackHistory")));
        return out;
    }

    /** 进度查询: the audit trail, oldest first, with the user and unit of each step. */
    List<Map<String, Object>> trail(Caller caller, long id) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (ItemView.AuditEntry e : clue(caller, id).auditTrail()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("at", e.at());
            m.put("action", e.action());
            m.put("actionLabel", e.actionLabel());
            m.put("fromState", e.fromState());
            m.put("toState", e.toState());
            m.put("userId", e.actor());
            m.put("userName", e.actorName());
            m.put("unitId", e.unitId());
            m.put("unitName", e.unitName());
            m.put("opinion", e.opinion());
            m.put("channel", e.channel());
            m.put("details", e.details());
            out.add(m);
        }
        return out;
    }

    /** 审核历史: the review records, oldest first. */
    List<Object> reviewHistory(Caller caller, long id) {
        return new ArrayList<>(ClueRules.list(clue(caller, id).fields().get("reviews")));
    }

    // ------------------------------------------------------------------ unread notes

    static String readKey(long itemId, long unitId) {
        return "read|" + itemId + "|" + unitId;
    }

    /** When each unit last opened each clue's notes (all units: a row shows the caller's own). */
    private Map<String, Long> readMarks() {
        return work.marks(LINE, "read|");
    }

    private static int unread(long itemId, Map<String, Object> f, Caller caller, Map<String, Long> reads) {
        Long seen = reads.get(readKey(itemId, caller.unitId()));
        int n = 0;
        for (Object o : ClueRules.list(f.get("notes"))) {
            long at = num(asMap(o).get("submittedAtMillis"));
            if (seen == null || at > seen) {
                n++;
            }
        }
        return n;
    }

    // ------------------------------------------------------------------ statistics (§8)

    /** The base set S: clues of the caller's region (statistics count a clue where it is) submitted in the period. */
    private List<ItemSummary> base(Caller caller, LocalDate from, LocalDate to) {
        List<ItemSummary> out = new ArrayList<>();
        for (ItemSummary s : visible(caller)) {
            if ((caller.isGlobalAdmin() || RegionCodes.isWithin(s.regionCode(), caller.regionCode()))
                    && inRange((String) s.fields().get("submittedAt"), from, to)) {
                out.add(s);
            }
        }
        return out;
    }

    /** 8.1 线索办理统计: one row per child region of the caller's region, and a total row. */
    Map<String, Object> handling(Caller caller, LocalDate from, LocalDate to) {
        requireOfficer(caller);
        String own = caller.regionCode();
        RegionLevel level = RegionCodes.levelOf(own);
        Map<String, Map<String, Object>> rows = new LinkedHashMap<>();
        String ownRow = null;
        if (level == RegionLevel.PROVINCE || level == RegionLevel.CITY) {
            for (Region r : children(own)) {
                rows.put(r.regionCode(), emptyRow(r.regionCode(), r.name()));
            }
            ownRow = level == RegionLevel.PROVINCE ? "省本级" : "市本级";
        } else {
            rows.put(own, emptyRow(own, org.regionName(own)));
        }
        Map<String, Object> selfRow = ownRow == null ? null : emptyRow(null, ownRow);
        Map<String, Object> total = emptyRow(null, "合计");
        for (ItemSummary s : base(caller, from, to)) {
            Map<String, Object> f = s.fields();
            String key = level == RegionLevel.PROVINCE ? (String) f.get("workplaceCityCode")
                    : level == RegionLevel.CITY ? (String) f.get("workplaceCountyCode") : own;
            Map<String, Object> row = key == null ? selfRow : rows.get(key);
            if (row == null) {
                row = selfRow != null ? selfRow : rows.get(own);
            }
            add(row, s);
            add(total, s);
        }
        List<Map<String, Object>> out = new ArrayList<>(rows.values());
        if (selfRow != null) {
            out.add(selfRow);
        }
        out.forEach(ClueViews::rate);
        rate(total);
        return Map.of("from", from.toString(), "to", to.toString(), "rows", out, "total", total);
    }

    /** The regions directly below {@code code}; officers may not list the tree, so the line reads it itself. */
    private List<Region> children(String code) {
        return org.children(code).items();
    }

    private static Map<String, Object> emptyRow(String code, String name) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("regionCode", code);
        r.put("regionName", name);
        for (String k : List.of("total", "pendingReceipt", "handling", "pendingReview", "completed", "returnCount",
                "rejectCount", "yellowCards", "redCards")) {
            r.put(k, 0L);
        }
        r.put("completionRate", null);
        return r;
    }

    private static void add(Map<String, Object> row, ItemSummary s) {
        inc(row, "total", 1);
        switch (s.state()) {
            case PENDING_RECEIPT -> inc(row, "pendingReceipt", 1);
            case HANDLING -> inc(row, "handling", 1);
            case PENDING_CITY_REVIEW, PENDING_PROVINCE_REVIEW -> inc(row, "pendingReview", 1);
            default -> inc(row, "completed", 1);
        }
        inc(row, "returnCount", num(s.fields().get("returnCount")));
        inc(row, "rejectCount", num(s.fields().get("rejectCount")));
        if (s.card() != null) {
            inc(row, "yellowCards", 1);
        }
        if ("RED".equals(s.card())) {
            inc(row, "redCards", 1);
        }
    }

    private static void rate(Map<String, Object> row) {
        long total = num(row.get("total"));
        row.put("completionRate", total == 0 ? null : percent(num(row.get("completed")), total));
    }

    /** 8.2 线索汇总统计: per month (or day, or year) of the period, merged clues counted as one case. */
    Map<String, Object> summary(Caller caller, LocalDate from, LocalDate to, String bucket) {
        requireOfficer(caller);
        String b = bucket == null || bucket.isBlank() ? "month" : bucket;
        if (!Set.of("day", "month", "year").contains(b)) {
            throw CivicException.invalidValue("bucket", "bucket must be day, month or year");
        }
        List<ItemSummary> scope = new ArrayList<>();
        for (ItemSummary s : visible(caller)) {
            if (caller.isGlobalAdmin() || RegionCodes.isWithin(s.regionCode(), caller.regionCode())) {
                scope.add(s);
            }
        }
        Map<String, Map<String, Object>> rows = new LinkedHashMap<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            rows.computeIfAbsent(key(d, b), k -> summaryRow(k));
        }
        Map<String, Set<Object>> cases = new HashMap<>();
        Map<String, Set<Object>> groups = new HashMap<>();
        Map<String, double[]> days = new HashMap<>();
        Set<Object> allCases = new LinkedHashSet<>();
        Set<Object> allGroups = new LinkedHashSet<>();
        double[] allDays = new double[2];
        for (ItemSummary s : scope) {
            Map<String, Object> f = s.fields();
            LocalDate submitted = day((String) f.get("submittedAt"));
            if (submitted != null && !submitted.isBefore(from) && !submitted.isAfter(to)) {
                String k = key(submitted, b);
                inc(rows.get(k), "newClues", 1);
                Object caseKey = f.get("mergeGroupNo") != null ? f.get("mergeGroupNo") : s.id();
                cases.computeIfAbsent(k, x -> new LinkedHashSet<>()).add(caseKey);
                allCases.add(caseKey);
            }
            LocalDate completed = day((String) f.get("completedAt"));
            if (completed != null && !completed.isBefore(from) && !completed.isAfter(to)) {
                String k = key(completed, b);
                inc(rows.get(k), "completed", 1);
                double d = handlingDays(f);
                double[] acc = days.computeIfAbsent(k, x -> new double[2]);
                acc[0] += d;
                acc[1]++;
                allDays[0] += d;
                allDays[1]++;
            }
            for (Object o : ClueRules.list(f.get("mergeGroups"))) {
                Map<String, Object> g = asMap(o);
                LocalDate created = day((String) g.get("createdAt"));
                if (!Boolean.TRUE.equals(g.get("cancelled")) && created != null && !created.isBefore(from)
                        && !created.isAfter(to)) {
                    groups.computeIfAbsent(key(created, b), x -> new LinkedHashSet<>()).add(g.get("groupNo"));
                    allGroups.add(g.get("groupNo"));
                }
            }
        }
        Map<String, Object> total = summaryRow("合计");
        for (Map.Entry<String, Map<String, Object>> e : rows.entrySet()) {
            Map<String, Object> r = e.getValue();
            r.put("caseCount", (long) cases.getOrDefault(e.getKey(), Set.of()).size());
            r.put("mergeGroups", (long) groups.getOrDefault(e.getKey(), Set.of()).size());
            double[] acc = days.get(e.getKey());
            r.put("averageHandlingDays", acc == null ? null : round1(acc[0] / acc[1]));
            inc(total, "newClues", num(r.get("newClues")));
            inc(total, "completed", num(r.get("completed")));
        }
        total.put("caseCount", (long) allCases.size());
        total.put("mergeGroups", (long) allGroups.size());
        total.put("averageHandlingDays", allDays[1] == 0 ? null : round1(allDays[0] / allDays[1]));
        return Map.of("from", from.toString(), "to", to.toString(), "bucket", b, "rows", new ArrayList<>(rows.values()),
                "total", total);
    }

    private static Map<String, Object> summaryRow(String period) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("period", period);
        r.put("newClues", 0L);
        r.put("completed", 0L);
        r.put("caseCount", 0L);
        r.put("mergeGroups", 0L);
        r.put("averageHandlingDays", null);
        return r;
    }

    private static String key(LocalDate d, String bucket) {
        return switch (bucket) {
            case "day" -> d.toString();
            case "year" -> String.valueOf(d.getYear());
            default -> d.toString().substring(0, 7);
        };
    }

    static final List<String> DETAIL_COLUMNS = List.of("clueNo", "complainantName", "complainantPhone", "respondentName",
            "workplaceCity", "workplaceCounty", "submittedAt", "receivedAt", "stateLabel", "holderUnitName", "completedAt",
            "handlingDays", "returnCount", "rejectCount", "mergeGroupNo", "yellowCard", "redCard");
    static final List<String> DETAIL_HEADERS = List.of("线索编号", "投诉人", "联系电话", "被反映单位", "实际用工所在地（市州）",
            "实际用工所在地（区县）", "反映时间", "接收时间", "当前状态", "当前办理单位", "办结时间", "办理天数", "退回次数", "驳回次数", "合并编号",
            "黄牌", "红牌");

    /** 8.3 线索明细统计: one row per clue of S, with the filters of the clue query. */
    List<Map<String, Object>> detail(Caller caller, LocalDate from, LocalDate to, Map<String, String> filter) {
        requireOfficer(caller);
        Map<String, Long> reads = readMarks();
        List<Map<String, Object>> out = new ArrayList<>();
        for (ItemSummary s : base(caller, from, to)) {
            Map<String, Object> f = s.fields();
            Map<String, Object> row = row(s, caller, reads);
            if (!matches(row, f, s, filter)) {
                continue;
            }
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("id", s.id());
            r.put("clueNo", s.number());
            r.put("complainantName", row.get("complainantName"));
            r.put("complainantPhone", row.get("complainantPhone"));
            r.put("respondentName", row.get("respondentName"));
            r.put("workplaceCity", f.get("workplaceCityCode") == null ? null : org.regionName((String) f.get("workplaceCityCode")));
            r.put("workplaceCounty", f.get("workplaceCountyCode") == null ? null
                    : org.regionName((String) f.get("workplaceCountyCode")));
            r.put("submittedAt", f.get("submittedAt"));
            r.put("receivedAt", f.get("firstReceivedAt"));
            r.put("state", s.state());
            r.put("stateLabel", STATE_ZH.get(s.state()));
            r.put("holderUnitName", f.get("holderUnitName"));
            r.put("completedAt", f.get("completedAt"));
            r.put("handlingDays", f.get("completedAt") == null ? null : handlingDays(f));
            r.put("returnCount", num(f.get("returnCount")));
            r.put("rejectCount", num(f.get("rejectCount")));
            r.put("mergeGroupNo", f.get("mergeGroupNo"));
            r.put("yellowCard", s.card() != null);
            r.put("redCard", "RED".equals(s.card()));
            out.add(r);
        }
        sort(out, "submittedAt");
        return out;
    }

    private static double handlingDays(Map<String, Object> f) {
        OffsetDateTime a = OffsetDateTime.parse((String) f.get("submittedAt"));
        OffsetDateTime b = OffsetDateTime.parse((String) f.get("completedAt"));
        return round1(Duration.between(a, b).toMinutes() / 1440.0);
    }

    // ------------------------------------------------------------------ small helpers

    static double percent(long part, long whole) {
        return round1(part * 100.0 / whole);
    }

    static double round1(double v) {
        return Math.round(v * 10.0) / 10.0;
    }

    private static void inc(Map<String, Object> row, String key, long by) {
        row.put(key, num(row.get(key)) + by);
    }

    static long num(Object o) {
        return o instanceof Number n ? n.longValue() : 0;
    }

    private static boolean present(Map<String, String> q, String key) {
        return q.get(key) != null && !q.get(key).isBlank();
    }

    private static boolean contains(Object value, String part) {
        return value != null && String.valueOf(value).contains(part.trim());
    }

    private static boolean bool(Map<String, String> q, String key) {
        String v = q.get(key).trim();
        if (!"true".equals(v) && !"false".equals(v)) {
            throw CivicException.invalidValue(key, key + " must be true or false");
        }
        return Boolean.parseBoolean(v);
    }

    static LocalDate date(Map<String, String> q, String key) {
        if (!present(q, key)) {
            return null;
        }
        try {
            return LocalDate.parse(q.get(key).trim());
        } catch (DateTimeParseException e) {
            throw CivicException.invalidValue(key, key + " must be a date like 2026-03-01");
        }
    }

    private static LocalDate day(String isoTime) {
        return isoTime == null ? null : OffsetDateTime.parse(isoTime).atZoneSameInstant(PlatformClock.ZONE).toLocalDate();
    }

    private static boolean inRange(String isoTime, LocalDate from, LocalDate to) {
        LocalDate d = day(isoTime);
        if (d == null) {
            return from == null && to == null;
        }
        return (from == null || !d.isBefore(from)) && (to == null || !d.isAfter(to));
    }

    static int intParam(Map<String, String> q, String key, int dflt, int min, int max) {
        if (!present(q, key)) {
            return dflt;
        }
        try {
            int v = Integer.parseInt(q.get(key).trim());
            if (v < min || v > max) {
                throw CivicException.invalidValue(key, key + " must be between " + min + " and " + max);
            }
            return v;
        } catch (NumberFormatException e) {
            throw CivicException.invalidValue(key, key + " must be a number");
        }
    }

    private static final Set<String> SORTABLE = Set.of("submittedAt", "receivedAt", "completedAt", "entryAt", "sentAt",
            "lastTransitionAt", "reviewSubmittedAt", "reviewedAt", "clueNo");

    private static void sort(List<Map<String, Object>> rows, String sort) {
        boolean desc = sort.startsWith("-");
        String key = desc ? sort.substring(1) : sort;
        if (!SORTABLE.contains(key)) {
            throw CivicException.invalidValue("sort", "sort must be one of " + SORTABLE + ", optionally with -");
        }
        Comparator<Map<String, Object>> c = Comparator.comparing(r -> r.get(key) == null ? "" : String.valueOf(r.get(key)));
        c = c.thenComparing(r -> num(r.get("id")));
        rows.sort(desc ? c.reversed() : c);
    }
}
