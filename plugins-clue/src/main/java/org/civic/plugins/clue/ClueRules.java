package org.civic.plugins.clue;

import static org.civic.plugins.clue.Clue.*;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.civic.core.api.CivicException;
import org.civic.core.api.PlatformClock;
import org.civic.core.api.org.Region;
import org.civic.core.api.org.RegionCodes;
import org.civic.core.api.org.RegionLevel;
import org.civic.core.api.org.Unit;
import org.civic.core.api.workflow.ActionContext;
import org.civic.core.api.workflow.ActionContext.Assignment;
import org.civic.core.api.workflow.ActionContext.Clock;
import org.civic.core.api.workflow.LineDefinition;

/**
 * What the clue line's declarations cannot say (spec clue-handling.md §5): intake routing by the actual
 * place of employment, the moves between the province, city and county clue units, the completion
 * feedback with its history and digest, the two review stages, supplementary notes and the merge records.
 * Everything here runs inside the action's one transaction; a refusal writes nothing.
 *
 * <p>The clue's own record lives in the item's fields: the holder (unit, level), {@code sentBy*},
 * {@code receivedAt}, {@code lastReturn}, {@code lastRejection}, {@code lastTransition} (which tag the
 * lists show), {@code progress}, {@code completionFeedback} and {@code feedbackHistory}, {@code reviews},
 * {@code notes}, {@code mergeGroupNo} and {@code mergeGroups}, and counters for the statistics.
 */
public final class ClueRules {

    private final ClueOrg org;
    private final Limits limits;

    public ClueRules(ClueOrg org, Limits limits) {
        this.org = org;
        this.limits = limits;
    }

    Limits limits() {
        return limits;
    }

    ClueOrg org() {
        return org;
    }

    // ------------------------------------------------------------------ create (spec 5.2, A4)

    void create(ActionContext ctx) {
        Map<String, Object> in = ctx.input();
        String channel = (String) in.get("channel");
        if ("MINI_PROGRAM".equals(channel) && in.get("complainantAccountId") == null) {
            throw CivicException.missingField("complainantAccountId");
        }
        if (ctx.caller().regionCode() == null || RegionCodes.levelOf(ctx.caller().regionCode()) == null) {
            throw CivicException.forbidden("An intake account must belong to a unit of a province");
        }
        String province = ClueOrg.provinceOf(ctx.caller().regionCode());
        String city = (String) in.get("workplaceCityCode");
        String county = (String) in.get("workplaceCountyCode");
        if (city != null) {
            checkCity("workplaceCityCode", city, province);
        }
        if (county != null) {
            if (city == null) {
                throw CivicException.invalidValue("workplaceCountyCode", "A workplace county needs its workplace city");
            }
            checkCounty("workplaceCountyCode", county, city);
        }
        Unit holder;
        if (city != null) {
            holder = org.clueUnit(city);
            ctx.moveItemTo(PENDING_RECEIPT);
            ctx.moveToRegion(county != null ? county : city);
        } else {
            holder = org.clueUnit(province);
            ctx.moveItemTo(HANDLING);
            ctx.moveToRegion(province);
        }
        Assignment a = ctx.assign(holder, HOLDER_ROLE, HOLDING);
        String now = time(ctx);
        ctx.setField("clueNo", ctx.number());
        ctx.setField("submittedAt", now);
        ctx.setField(LineDefinition.TITLE, in.get("respondentName"));
        ctx.setField("workplaceCityCode", city);
        ctx.setField("workplaceCountyCode", county);
        ctx.setField("provinceCode", province);
        ctx.setField("returnCount", 0);
        ctx.setField("rejectCount", 0);
        ctx.setField("progress", List.of());
        ctx.setField("notes", List.of());
        ctx.setField("reviews", List.of());
        ctx.setField("feedbackHistory", List.of());
        transition(ctx, "CREATE");
        hold(ctx, holder);
        if (PENDING_RECEIPT.equals(ctx.state())) {
            ctx.setField("entryAt", now);
            startReceiptClock(ctx, a);
        }
        if (limits.handlingWorkingDays() != null) {
            ctx.startClock(a, HANDLING_CLOCK, null);
        }
        ctx.recordChannel(channel);
    }

    private void checkCity(String field, String code, String province) {
        Region r = org.region(code);
        if (r == null || r.level() != RegionLevel.CITY || !province.equals(r.parentCode())) {
            throw CivicException.invalidValue(field, code + " is not a city (市州) of province " + province);
        }
    }

    private void checkCounty(String field, String code, String city) {
        Region r = org.region(code);
        if (r == null || r.level() != RegionLevel.COUNTY || !city.equals(r.parentCode())) {
            throw CivicException.invalidValue(field, code + " is not a county (区县) of city " + city);
        }
    }

    // ------------------------------------------------------------------ receipt and handling

    void receive(ActionContext ctx) {
        String now = time(ctx);
        ctx.setField("receivedAt", now);
        if (ctx.field("firstReceivedAt") == null) {
            ctx.setField("firstReceivedAt", now);
        }
        transition(ctx, "RECEIVE");
        stopReceiptClock(ctx, ctx.acting());
    }

    void addProgress(ActionContext ctx) {
        Map<String, Object> p = byCaller(ctx);
        p.put("summary", ctx.input().get("summary"));
        append(ctx, "progress", p);
        complainantNotice(ctx);
    }

    void recordCompletionFeedback(ActionContext ctx) {
        LocalDate handled = (LocalDate) ctx.input().get("handledDate");
        LocalDate submitted = OffsetDateTime.parse((String) ctx.field("submittedAt")).toLocalDate();
        if (handled.isBefore(submitted)) {
            throw CivicException.invalidValue("handledDate", "The handled date lies before the clue was submitted ("
                    + submitted + ")");
        }
        Object attachments = ctx.input().get("attachments");
        if (attachments instanceof List<?> l && l.size() > 9) {
            throw CivicException.invalidValue("attachments", "At most 9 attachments");
        }
        Object previous = ctx.field("completionFeedback");
        if (previous != null) {
            append(ctx, "feedbackHistory", previous);
        }
        Map<String, Object> f = byCaller(ctx);
        String summary = (String) ctx.input().get("resultSummary");
        f.put("resultSummary", summary);
        f.put("handledDate", handled.toString());
        f.put("attachments", attachments == null ? List.of() : attachments);
        f.put("recordedAt", f.remove("createdAt"));
        f.put("digest", digest(summary));
        ctx.setField("completionFeedback", f);
    }

    void submit(ActionContext ctx) {
        if (ctx.field("completionFeedback") == null) {
            throw new CivicException(409, "COMPLETION_FEEDBACK_REQUIRED",
                    "Record the completion feedback (办结反馈) before submitting");
        }
        Assignment a = ctx.acting();
        Unit own = org.unit(a.unitId());
        switch (org.level(own)) {
            case COUNTY -> toReview(ctx, a, own, org.clueUnit(RegionCodes.parentOf(own.regionCode())), PENDING_CITY_REVIEW);
            case CITY -> toReview(ctx, a, own, org.clueUnit(ClueOrg.provinceOf(own.regionCode())), PENDING_PROVINCE_REVIEW);
            default -> complete(ctx, a);
        }
        transition(ctx, "SUBMIT");
    }

    private void toReview(ActionContext ctx, Assignment a, Unit submitting, Unit reviewer, String state) {
        ctx.moveItemTo(state);
        ctx.setField("reviewSubmittedByUnitId", submitting.id());
        ctx.setField("reviewSubmittedByUnitName", submitting.name());
        ctx.setField("reviewSubmittedAt", time(ctx));
        a.transferTo(reviewer);
        hold(ctx, reviewer);
    }

    private void complete(ActionContext ctx, Assignment a) {
        ctx.moveItemTo(COMPLETED);
        ctx.setField("completedAt", time(ctx));
        a.moveTo(ENDED);
        ctx.publishAlso("completed");
    }

    // ------------------------------------------------------------------ moves down and up

    void transferWithinProvince(ActionContext ctx) {
        Assignment a = ctx.assignments().stream().filter(Assignment::active).findFirst().orElse(null);
        if (a == null || a.unitId() != ctx.caller().unitId()) {
            throw CivicException.invalidState("Only a clue the province's own unit handles can be transferred within the province");
        }
        String province = ClueOrg.provinceOf(a.unitRegionCode());
        String city = (String) ctx.input().get("targetCityCode");
        String county = (String) ctx.input().get("targetCountyCode");
        checkCity("targetCityCode", city, province);
        if (county != null) {
            checkCounty("targetCountyCode", county, city);
        }
        Unit target = org.clueUnit(city);
        ctx.setField("workplaceCityCode", city);
        ctx.setField("workplaceCountyCode", county);
        ctx.moveToRegion(county != null ? county : city);
        sendDown(ctx, a, target, "TRANSFER_PROVINCE");
    }

    void transferWithinCity(ActionContext ctx) {
        Assignment a = ctx.acting();
        String county = (String) ctx.input().get("targetCountyCode");
        checkCounty("targetCountyCode", county, a.unitRegionCode());
        Unit target = org.clueUnit(county);
        ctx.setField("workplaceCountyCode", county);
        ctx.moveToRegion(county);
        sendDown(ctx, a, target, "TRANSFER_CITY");
    }

    private void sendDown(ActionContext ctx, Assignment a, Unit target, String kind) {
        String now = time(ctx);
        ctx.setField("sentByUnitId", a.unitId());
        ctx.setField("sentByUnitName", a.unitName());
        ctx.setField("sentAt", now);
        ctx.setField("entryAt", now);
        a.transferTo(target);
        hold(ctx, target);
        transition(ctx, kind);
        startReceiptClock(ctx, a);
    }

    void returnUp(ActionContext ctx) {
        Assignment a = ctx.acting();
        Unit own = org.unit(a.unitId());
        Unit upper = org.level(own) == RegionLevel.COUNTY ? org.clueUnit(RegionCodes.parentOf(own.regionCode()))
                : org.clueUnit(ClueOrg.provinceOf(own.regionCode()));
        stopReceiptClock(ctx, a);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("at", time(ctx));
        r.put("byUnitId", own.id());
        r.put("byUnitName", own.name());
        r.put("level", org.level(own).name());
        r.put("byUserName", ctx.caller().displayName());
        r.put("opinion", ctx.input().get("opinion"));
        ctx.setField("lastReturn", r);
        ctx.setField("returnCount", count(ctx, "returnCount") + 1);
        a.transferTo(upper);
        hold(ctx, upper);
        transition(ctx, "RETURN");
    }

    // ------------------------------------------------------------------ reviews

    void approve(ActionContext ctx) {
        Assignment a = ctx.acting();
        Unit reviewer = org.unit(a.unitId());
        RegionLevel level = org.level(reviewer);
        review(ctx, reviewer, level, "APPROVED");
        if (level == RegionLevel.CITY) {
            toReview(ctx, a, reviewer, org.clueUnit(ClueOrg.provinceOf(reviewer.regionCode())), PENDING_PROVINCE_REVIEW);
        } else {
            complete(ctx, a);
        }
        transition(ctx, "APPROVE");
    }

    void reject(ActionContext ctx) {
        Assignment a = ctx.acting();
        Unit reviewer = org.unit(a.unitId());
        RegionLevel level = org.level(reviewer);
        review(ctx, reviewer, level, "REJECTED");
        Unit back = org.unit(((Number) ctx.field("reviewSubmittedByUnitId")).longValue());
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("at", time(ctx));
        r.put("byUnitId", reviewer.id());
        r.put("byUnitName", reviewer.name());
        r.put("level", level.name());
        r.put("byUserName", ctx.caller().displayName());
        r.put("opinion", ctx.input().get("opinion"));
        ctx.setField("lastRejection", r);
        ctx.setField("rejectCount", count(ctx, "rejectCount") + 1);
        a.transferTo(back);
        hold(ctx, back);
        transition(ctx, "REJECT");
    }

    private void review(ActionContext ctx, Unit reviewer, RegionLevel level, String result) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("reviewLevel", level.name());
        r.put("result", result);
        r.put("opinion", ctx.input().get("opinion"));
        r.put("reviewerUnitId", reviewer.id());
        r.put("reviewerUnitName", reviewer.name());
        r.put("reviewerUserId", ctx.caller().userId());
        r.put("reviewerName", ctx.caller().displayName());
        r.put("submittedByUnitId", ctx.field("reviewSubmittedByUnitId"));
        r.put("submittedByUnitName", ctx.field("reviewSubmittedByUnitName"));
        r.put("reviewedAt", time(ctx));
        append(ctx, "reviews", r);
    }

    // ------------------------------------------------------------------ complainant's notes (A10)

    void addSupplementaryNote(ActionContext ctx) {
        String account = (String) ctx.input().get("complainantAccountId");
        if (!account.equals(ctx.field("complainantAccountId"))) {
            throw CivicException.forbidden("Only the complainant who submitted the clue may add notes to it");
        }
        Object attachments = ctx.input().get("attachments");
        if (attachments instanceof List<?> l && l.size() > 9) {
            throw CivicException.invalidValue("attachments", "At most 9 attachments");
        }
        Map<String, Object> n = new LinkedHashMap<>();
        n.put("seq", list(ctx.field("notes")).size() + 1);
        n.put("content", ctx.input().get("content"));
        n.put("attachments", attachments == null ? List.of() : attachments);
        n.put("submittedAt", time(ctx));
        n.put("submittedAtMillis", ctx.now().toEpochMilli());
        n.put("afterCompletion", COMPLETED.equals(ctx.state()));
        n.put("forUnitId", ctx.field("holderUnitId"));
        append(ctx, "notes", n);
        ctx.recordChannel("MINI_PROGRAM");
    }

    // ------------------------------------------------------------------ merges (A8, A9)

    void merge(ActionContext ctx) {
        if (ctx.field("mergeGroupNo") != null) {
            throw new CivicException(409, "ALREADY_MERGED", "Clue " + ctx.number() + " is already in merge group "
                    + ctx.field("mergeGroupNo"));
        }
        Map<String, Object> in = ctx.input();
        Map<String, Object> g = new LinkedHashMap<>();
        g.put("groupNo", in.get("groupNo"));
        g.put("masterClueId", Long.parseLong((String) in.get("masterClueId")));
        g.put("memberClueIds", java.util.Arrays.stream(((String) in.get("memberClueIds")).split(",")).map(Long::parseLong)
                .toList());
        g.put("memberClueNos", List.of(((String) in.get("memberClueNos")).split(",")));
        g.put("feedbackDigest", ((Map<?, ?>) ctx.field("completionFeedback")).get("digest"));
        g.put("opinion", in.get("opinion"));
        g.put("createdByUnitId", ctx.caller().unitId());
        g.put("createdByUnitName", ctx.caller().unitName());
        // the unit's own region (the caller's is widened to the province for the merge steps, see ClueMerges.merger)
        g.put("createdByUnitRegion", org.unit(ctx.caller().unitId()).regionCode());
        g.put("createdByUserId", ctx.caller().userId());
        g.put("createdByUserName", ctx.caller().displayName());
        g.put("createdAt", time(ctx));
        g.put("cancelled", false);
        ctx.setField("mergeGroupNo", in.get("groupNo"));
        append(ctx, "mergeGroups", g);
    }

    void cancelMerge(ActionContext ctx) {
        String groupNo = (String) ctx.input().get("groupNo");
        if (!groupNo.equals(ctx.field("mergeGroupNo"))) {
            throw CivicException.invalidState("Clue " + ctx.number() + " is not in the active merge group " + groupNo);
        }
        List<Object> groups = new ArrayList<>();
        for (Object o : list(ctx.field("mergeGroups"))) {
            Map<String, Object> g = new LinkedHashMap<>(asMap(o));
            if (groupNo.equals(g.get("groupNo")) && !Boolean.TRUE.equals(g.get("cancelled"))) {
                g.put("cancelled", true);
                g.put("cancelledAt", time(ctx));
                g.put("cancelledByUserId", ctx.caller().userId());
                g.put("cancelledByUserName", ctx.caller().displayName());
                g.put("cancelOpinion", ctx.input().get("cancelOpinion"));
            }
            groups.add(g);
        }
        ctx.setField("mergeGroups", groups);
        ctx.setField("mergeGroupNo", null);
    }

    /**
     * The completion feedback's digest (spec 3.4): full-width forms and Chinese punctuation as half-width,
     * whitespace runs as one space, and no space beside punctuation or Chinese text, where a space carries no
     * meaning (scenario 24: an extra space and a full-width comma make no difference).
     */
    static String digest(String text) {
        StringBuilder b = new StringBuilder();
        for (char c : text.trim().toCharArray()) {
            if (c >= '\uFF01' && c <= '\uFF5E') {
                b.append((char) (c - 0xFEE0));
            } else if (c == '\u3000' || Character.isWhitespace(c)) {
                b.append(' ');
            } else if (c == '\u3002') {
                b.append('.');
            } else if (c == '\u3001') {
                b.append(',');
            } else if (c == '\u201C' || c == '\u201D') {
                b.append('"');
            } else if (c == '\u2018' || c == '\u2019') {
                b.append('\'');
            } else {
                b.append(c);
            }
        }
        String collapsed = b.toString().replaceAll(" +", " ").trim();
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < collapsed.length(); i++) {
            char c = collapsed.charAt(i);
            if (c == ' ' && !(wordChar(collapsed.charAt(i - 1)) && wordChar(collapsed.charAt(i + 1)))) {
                continue;
            }
            out.append(c);
        }
        return out.toString();
    }

    private static boolean wordChar(char c) {
        return c < 128 && Character.isLetterOrDigit(c);
    }

    // ------------------------------------------------------------------ helpers

    private void hold(ActionContext ctx, Unit unit) {
        ctx.setField("holderUnitId", unit.id());
        ctx.setField("holderUnitName", unit.name());
        ctx.setField("holderLevel", org.level(unit).name());
        ctx.setField("lastHolderUnitId", unit.id());
    }

    private static void transition(ActionContext ctx, String kind) {
        ctx.setField("lastTransition", kind);
        ctx.setField("lastTransitionAt", time(ctx));
        complainantNotice(ctx);
    }

    /** What the complainant sees changed: the mini-program is told the clue's new status ({@link ClueOutbox}). */
    private static void complainantNotice(ActionContext ctx) {
        ctx.setField("noticeSeq", count(ctx, "noticeSeq") + 1);
    }

    private void startReceiptClock(ActionContext ctx, Assignment a) {
        if (limits.receiptWorkingDays() != null) {
            ctx.startClock(a, RECEIPT_CLOCK, null);
        }
    }

    private void stopReceiptClock(ActionContext ctx, Assignment a) {
        if (limits.receiptWorkingDays() != null) {
            Clock c = ctx.clock(a, RECEIPT_CLOCK);
            if (c != null && c.running()) {
                c.stop();
            }
        }
    }

    private Map<String, Object> byCaller(ActionContext ctx) {
        Map<String, Object> m = new LinkedHashMap<>();
        Unit own = org.unit(ctx.caller().unitId());
        m.put("level", org.level(own).name());
        m.put("unitId", own.id());
        m.put("unitName", own.name());
        m.put("userId", ctx.caller().userId());
        m.put("userName", ctx.caller().displayName());
        m.put("createdAt", time(ctx));
        return m;
    }

    private static void append(ActionContext ctx, String field, Object entry) {
        List<Object> all = new ArrayList<>(list(ctx.field(field)));
        all.add(entry);
        ctx.setField(field, all);
    }

    private static long count(ActionContext ctx, String field) {
        Object v = ctx.field(field);
        return v instanceof Number n ? n.longValue() : 0;
    }

    /** Times as the line stores them: ISO-8601 to the second, in Asia/Shanghai, so that they also sort as text. */
    static final java.time.format.DateTimeFormatter TIME = java.time.format.DateTimeFormatter.ofPattern(
            "yyyy-MM-dd'T'HH:mm:ssXXX");

    static String time(ActionContext ctx) {
        return TIME.format(OffsetDateTime.ofInstant(ctx.now(), PlatformClock.ZONE));
    }

    static List<?> list(Object o) {
        return o instanceof List<?> l ? l : List.of();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> asMap(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}
