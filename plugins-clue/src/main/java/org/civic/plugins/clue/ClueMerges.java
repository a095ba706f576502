package org.civic.plugins.clue;

import static org.civic.plugins.clue.Clue.*;
import static org.civic.plugins.clue.ClueRules.asMap;
import static org.civic.plugins.clue.ClueRules.list;
import static org.civic.plugins.clue.ClueViews.num;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.civic.core.api.CivicException;
import org.civic.core.api.PlatformClock;
import org.civic.core.api.org.Caller;
import org.civic.core.api.org.RegionCodes;
import org.civic.core.api.workflow.ItemSummary;
import org.civic.core.api.workflow.ItemView;
import org.civic.core.api.workflow.WorkflowService;
import org.civic.core.api.workflow.WorkflowService.Step;

/**
 * Merging completed duplicate clues and undoing it (spec 5.2 {@code merge}/{@code cancel_merge}, A8, A9). A merge
 * spans several clues, so it is checked here as a whole and then applied as one kernel transaction
 * ({@link WorkflowService#actTogether}): one audit entry per member, all or nothing. The group's record lives in
 * each member's {@code mergeGroups}; its id is its number {@code HB yyyyMMdd nnnn}.
 */
public final class ClueMerges {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");

    private final WorkflowService work;
    private final ClueViews views;
    private final PlatformClock clock;

    public ClueMerges(WorkflowService work, ClueViews views, PlatformClock clock) {
        this.work = work;
        this.views = views;
        this.clock = clock;
    }

    /**
     * The caller acting through the merge endpoint: the same person and unit, with the line's internal merge role.
     * Merge scope S3 is the view scope S1, which {@link #merge} and {@link #cancel} check with the real caller; it
     * includes clues the unit once held in another region, which the kernel's REGION rule of the merge actions
     * would refuse, so the steps run with the region widened to the caller's province.
     */
    static Caller merger(Caller c) {
        Set<String> roles = new HashSet<>(c.roles());
        roles.add(MERGER);
        return new Caller(c.userId(), c.loginName(), c.displayName(), c.unitId(), c.unitName(),
                ClueOrg.provinceOf(c.regionCode()), Set.copyOf(roles));
    }

    /** {@code POST /clue/merges}: the new group (201). */
    Map<String, Object> merge(Caller caller, Map<String, Object> body) {
        ClueViews.requireOfficer(caller);
        Map<String, Object> in = body == null ? Map.of() : body;
        Object rawMembers = in.get("memberClueIds");
        if (rawMembers == null || rawMembers instanceof List<?> l && l.isEmpty()) {
            throw CivicException.missingField("memberClueIds");
        }
        if (!(rawMembers instanceof List<?> raw)) {
            throw CivicException.invalidValue("memberClueIds", "memberClueIds must be a list of clue ids");
        }
        Set<Long> ids = new LinkedHashSet<>();
        for (Object o : raw) {
            ids.add(id("memberClueIds", o));
        }
        if (ids.size() < 2) {
            throw new CivicException(409, "MERGE_TOO_FEW", "A merge needs at least two different clues");
        }
        Object opinion = in.get("opinion");
        if (opinion != null && !(opinion instanceof String)) {
            throw CivicException.invalidValue("opinion", "opinion must be text");
        }
        if (opinion instanceof String s && s.trim().length() > 500) {
            throw CivicException.invalidValue("opinion", "opinion must have at most 500 characters");
        }
        List<ItemView> members = new ArrayList<>();
        for (long id : ids) {
            ItemView v = work.get(caller, id); // S3: NOT_FOUND for a clue outside the caller's view scope
            if (!LINE.equals(v.line())) {
                throw CivicException.notFound("No clue " + id);
            }
            members.add(v);
        }
        for (ItemView v : members) {
            if (!COMPLETED.equals(v.state())) {
                throw CivicException.invalidState("Clue " + v.number() + " is not completed; only completed clues can be merged");
            }
        }
        for (ItemView v : members) {
            if (v.fields().get("mergeGroupNo") != null) {
                throw new CivicException(409, "ALREADY_MERGED", "Clue " + v.number() + " is already in merge group "
                        + v.fields().get("mergeGroupNo"));
            }
        }
        Set<Object> digests = new HashSet<>();
        members.forEach(v -> digests.add(asMap(v.fields().get("completionFeedback")).get("digest")));
        if (digests.size() != 1) {
            throw new CivicException(409, "MERGE_FEEDBACK_MISMATCH",
                    "Only clues with identical completion feedback can be merged");
        }
        ItemView master;
        if (in.get("masterClueId") != null && !String.valueOf(in.get("masterClueId")).isBlank()) {
            long m = id("masterClueId", in.get("masterClueId"));
            master = members.stream().filter(v -> v.id() == m).findFirst()
                    .orElseThrow(() -> CivicException.invalidValue("masterClueId", "The master clue must be one of the members"));
        } else {
            master = members.stream().min(Comparator.comparing((ItemView v) -> (String) v.fields().get("submittedAt"))
                    .thenComparing(ItemView::id)).orElseThrow();
        }
        String day = DAY.format(clock.nowInZone());
        String groupNo = "HB" + day + String.format("%04d", work.nextInSequence(LINE, "HB" + day));
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("groupNo", groupNo);
        input.put("masterClueId", String.valueOf(master.id()));
        input.put("memberClueIds", String.join(",", members.stream().map(v -> String.valueOf(v.id())).toList()));
        input.put("memberClueNos", String.join(",", members.stream().map(ItemView::number).toList()));
        if (opinion != null) {
            input.put("opinion", opinion);
        }
        List<Step> steps = members.stream().map(v -> new Step(v.id(), "merge", input)).toList();
        work.actTogether(merger(caller), steps, "REST");
        return group(caller, groupNo);
    }

    /** {@code POST /clue/merges/{groupNo}/cancel}: the group, now cancelled. */
    Map<String, Object> cancel(Caller caller, String groupNo, Map<String, Object> body) {
        ClueViews.requireOfficer(caller);
        Map<String, Object> g = find(ClueOrg.system(), groupNo);
        if (g == null) {
            throw CivicException.notFound("No merge group " + groupNo);
        }
        boolean creator = num(g.get("createdByUnitId")) == caller.unitId();
        if (!creator) {
            String creatorRegion = (String) g.get("createdByUnitRegion");
            boolean higher = creatorRegion != null && !creatorRegion.equals(caller.regionCode())
                    && RegionCodes.isWithin(creatorRegion, caller.regionCode());
            boolean coversAll = true;
            for (Object id : list(g.get("memberClueIds"))) {
                try {
                    work.get(caller, num(id));
                } catch (CivicException e) {
                    coversAll = false;
                }
            }
            if (!higher || !coversAll) {
                throw CivicException.forbidden("Only the unit that merged, or a higher level that sees every member, may cancel the merge");
            }
        }
        if (Boolean.TRUE.equals(g.get("cancelled"))) {
            throw CivicException.invalidState("Merge group " + groupNo + " is already cancelled");
        }
        Object reason = body == null ? null : body.get("cancelOpinion");
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("groupNo", groupNo);
        input.put("cancelOpinion", reason);
        List<Step> steps = list(g.get("memberClueIds")).stream().map(id -> new Step(num(id), "cancel_merge", input)).toList();
        work.actTogether(merger(caller), steps, "REST");
        return group(caller, groupNo);
    }

    /** {@code GET /clue/merges/{groupNo}}. */
    Map<String, Object> group(Caller caller, String groupNo) {
        ClueViews.requireOfficer(caller);
        Map<String, Object> g = find(caller, groupNo);
        if (g == null) {
            throw CivicException.notFound("No merge group " + groupNo);
        }
        return g;
    }

    /** 案件合并管理: active and cancelled groups whose members the caller all sees, newest first. */
    List<Map<String, Object>> groups(Caller caller) {
        ClueViews.requireOfficer(caller);
        Map<String, Map<String, Object>> byNo = new LinkedHashMap<>();
        Set<Long> seen = new HashSet<>();
        List<ItemSummary> visible = views.visible(caller);
        visible.forEach(s -> seen.add(s.id()));
        for (ItemSummary s : visible) {
            for (Object o : list(s.fields().get("mergeGroups"))) {
                Map<String, Object> g = asMap(o);
                byNo.putIfAbsent((String) g.get("groupNo"), describe(g));
            }
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> g : byNo.values()) {
            if (list(g.get("memberClueIds")).stream().allMatch(id -> seen.contains(num(id)))) {
                out.add(g);
            }
        }
        out.sort(Comparator.comparing((Map<String, Object> g) -> String.valueOf(g.get("createdAt"))).reversed());
        return out;
    }

    private Map<String, Object> find(Caller reader, String groupNo) {
        if (groupNo == null || !groupNo.matches("^HB\\d{12}$")) {
            return null;
        }
        for (ItemSummary s : views.visible(reader)) {
            for (Object o : list(s.fields().get("mergeGroups"))) {
                if (groupNo.equals(asMap(o).get("groupNo"))) {
                    return describe(asMap(o));
                }
            }
        }
        return null;
    }

    private static Map<String, Object> describe(Map<String, Object> g) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("groupId", g.get("groupNo"));
        out.putAll(g);
        out.put("memberCount", list(g.get("memberClueIds")).size());
        out.put("masterClueNo", masterNo(g));
        out.remove("feedbackDigest");
        return out;
    }

    private static Object masterNo(Map<String, Object> g) {
        List<?> ids = list(g.get("memberClueIds"));
        List<?> nos = list(g.get("memberClueNos"));
        for (int i = 0; i < ids.size() && i < nos.size(); i++) {
            if (num(ids.get(i)) == num(g.get("masterClueId"))) {
                return nos.get(i);
            }
        }
        return null;
    }

    private static long id(String field, Object o) {
        try {
            return o instanceof Number n ? n.longValue() : Long.parseLong(String.valueOf(o).trim());
        } catch (NumberFormatException e) {
            throw CivicException.invalidValue(field, field + " must hold clue ids");
        }
    }
}
