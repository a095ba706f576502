package org.civic.plugins.clue;

import static org.civic.plugins.clue.ClueRules.asMap;
import static org.civic.plugins.clue.ClueRules.list;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.civic.core.api.CivicException;
import org.civic.core.api.Page;
import org.civic.core.api.org.Caller;
import org.civic.core.api.workflow.ItemQuery;
import org.civic.core.api.workflow.ItemSummary;
import org.civic.core.api.workflow.ItemView;
import org.civic.core.api.workflow.WorkflowService;

/**
 * What the mini-program and the portal show a complainant (A12): the clue's state as a complainant reads it, the
 * progress summaries and, once completed, the completion feedback. Review opinions, return reasons and who
 * handled it are internal. A partner account reads the clues its unit submitted, and of those only the ones of
 * the complainant account it names.
 */
public final class ComplainantViews {

    private final WorkflowService work;

    public ComplainantViews(WorkflowService work) {
        this.work = work;
    }

    static void requirePartner(Caller caller) {
        if (!caller.hasRole(Clue.INTAKE)) {
            throw CivicException.forbidden("Only the mini-program's and the portal's accounts read complainants' clues");
        }
    }

    List<Map<String, Object>> clues(Caller caller, String account) {
        requirePartner(caller);
        requireAccount(account);
        List<Map<String, Object>> out = new ArrayList<>();
        for (ItemSummary s : work.queryAll(caller, Clue.LINE, ItemQuery.all(0, 1).sorted("-createdAt"), ClueViews.MAX_CLUES)) {
            if (account.equals(s.fields().get("complainantAccountId"))) {
                out.add(view(s.id(), s.number(), s.state(), s.fields(), false));
            }
        }
        return out;
    }

    Map<String, Object> clue(Caller caller, String account, long id) {
        requirePartner(caller);
        requireAccount(account);
        ItemView v = work.get(caller, id);
        if (!Clue.LINE.equals(v.line()) || !account.equals(v.fields().get("complainantAccountId"))) {
            throw CivicException.notFound("No clue " + id + " of this complainant");
        }
        return view(v.id(), v.number(), v.state(), v.fields(), true);
    }

    /** A clue by its number, as the partner platform asks for it over SOAP. */
    ItemView byNumber(Caller caller, String clueNo) {
        requirePartner(caller);
        if (clueNo == null || clueNo.isBlank()) {
            throw CivicException.missingField("clueNo");
        }
        Page<ItemSummary> page = work.query(caller, Clue.LINE,
                new ItemQuery(null, null, null, null, null, null, null, clueNo.trim(), null, 0, 5));
        for (ItemSummary s : page.items()) {
            if (s.number().equals(clueNo.trim())) {
                return work.get(caller, s.id());
            }
        }
        throw CivicException.notFound("No clue " + clueNo);
    }

    private static void requireAccount(String account) {
        if (account == null || account.isBlank()) {
            throw CivicException.missingField("complainantAccountId");
        }
    }

    static String status(String state, Map<String, Object> f) {
        return switch (state) {
            case Clue.COMPLETED -> "已办结";
            case Clue.PENDING_CITY_REVIEW, Clue.PENDING_PROVINCE_REVIEW -> "审核中";
            default -> f.get("firstReceivedAt") != null || Clue.HANDLING.equals(state) ? "已受理" : "已提交";
        };
    }

    static Map<String, Object> view(long id, String number, String state, Map<String, Object> f, boolean full) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("clueNo", number);
        m.put("state", state);
        m.put("status", status(state, f));
        m.put("respondentName", f.get("respondentName"));
        m.put("submittedAt", f.get("submittedAt"));
        m.put("completedAt", f.get("completedAt"));
        if (full) {
            m.put("content", f.get("content"));
            List<Map<String, Object>> progress = new ArrayList<>();
            for (Object o : list(f.get("progress"))) {
                progress.add(Map.of("summary", asMap(o).get("summary"), "at", asMap(o).get("createdAt")));
            }
            java.util.Collections.reverse(progress);
            m.put("progress", progress);
            if (Clue.COMPLETED.equals(state)) {
                Map<String, Object> fb = asMap(f.get("completionFeedback"));
                m.put("completionFeedback", Map.of("resultSummary", fb.getOrDefault("resultSummary", ""),
                        "handledDate", fb.getOrDefault("handledDate", "")));
            }
            List<Map<String, Object>> notes = new ArrayList<>();
            for (Object o : list(f.get("notes"))) {
                notes.add(Map.of("content", asMap(o).get("content"), "submittedAt", asMap(o).get("submittedAt")));
            }
            m.put("notes", notes);
        }
        return m;
    }
}
