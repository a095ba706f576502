package org.civic.plugins.clue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.civic.core.api.Page;
import org.civic.core.api.workflow.ItemQuery;
import org.civic.core.api.workflow.ItemSummary;
import org.civic.core.api.workflow.WorkflowService;

/**
 * The complainant notices of spec §10 (outbound to the mini-program's back end): every change a complainant
 * sees — receipt, transfers, a return, submission, review decisions, a progress summary, completion — raises the
 * clue's {@code noticeSeq}; the clue's complainant view is owed to the partner until the partner has accepted
 * that sequence number, which the line records as a mark ({@code notified|<clueId>}). The database is the outbox:
 * nothing is lost while the partner is down or the platform restarts, and a repeat carries the same
 * {@code seq}, so the partner can drop duplicates and stale notices.
 *
 * <p>A scan pages through the clues by last change, newest first, and stops below the last fully scanned
 * time (minus a minute for clocks that disagree); the first scan after a start reads everything once.
 */
final class ClueOutbox {

    /** A notice owed to the partner: the clue's complainant view at sequence {@code seq}. */
    record Notice(long clueId, long seq, Map<String, Object> body) {
    }

    private static final long MARGIN_MILLIS = 60_000;

    private final WorkflowService work;
    private final Set<Long> pending = ConcurrentHashMap.newKeySet();
    private volatile long scannedUpTo;

    ClueOutbox(WorkflowService work) {
        this.work = work;
    }

    /** The notices owed now: clues of the mini-program whose last change the partner has not accepted. */
    synchronized List<Notice> due() {
        Map<String, Long> sent = work.marks(Clue.LINE, "notified|");
        long newest = scannedUpTo;
        List<ItemSummary> changed = new ArrayList<>();
        int offset = 0;
        scan:
        while (true) {
            Page<ItemSummary> page = work.query(ClueOrg.system(), Clue.LINE,
                    new ItemQuery(null, null, null, null, null, null, null, null, "-updatedAt", offset, Page.MAX_LIMIT));
            for (ItemSummary s : page.items()) {
                long at = s.updatedAt().toInstant().toEpochMilli();
                newest = Math.max(newest, at);
                if (at < scannedUpTo - MARGIN_MILLIS) {
                    break scan;
                }
                changed.add(s);
            }
            offset += page.items().size();
            if (page.items().isEmpty() || offset >= page.total()) {
                break;
            }
        }
        for (ItemSummary s : changed) {
            if (owed(s, sent)) {
                pending.add(s.id());
            }
        }
        List<Notice> out = new ArrayList<>();
        for (Long id : List.copyOf(pending)) {
            ItemSummary s = changed.stream().filter(x -> x.id() == id).findFirst().orElse(null);
            if (s == null) {
                // owed since an earlier scan and unchanged since: read it again
                s = find(id);
                if (s == null) {
                    pending.remove(id);
                    continue;
                }
            }
            if (!owed(s, sent)) {
                pending.remove(id);
                continue;
            }
            out.add(notice(s));
        }
        scannedUpTo = newest;
        return out;
    }

    private ItemSummary find(long id) {
        try {
            var v = work.get(ClueOrg.system(), id);
            return new ItemSummary(v.id(), v.number(), v.line(), v.title(), v.regionCode(), v.state(), v.stateLabel(),
                    v.createdAt(), v.updatedAt(), v.closedAt(), null, null, null, List.of(), v.fields());
        } catch (org.civic.core.api.CivicException e) {
            return null;
        }
    }

    private static boolean owed(ItemSummary s, Map<String, Long> sent) {
        Map<String, Object> f = s.fields();
        if (!"MINI_PROGRAM".equals(f.get("channel")) || f.get("complainantAccountId") == null) {
            return false;
        }
        long seq = ClueViews.num(f.get("noticeSeq"));
        Long accepted = sent.get(key(s.id()));
        return seq > 0 && (accepted == null || accepted < seq);
    }

    private static Notice notice(ItemSummary s) {
        Map<String, Object> f = s.fields();
        long seq = ClueViews.num(f.get("noticeSeq"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "clue.status");
        body.put("seq", seq);
        body.put("complainantAccountId", f.get("complainantAccountId"));
        body.putAll(ComplainantViews.view(s.id(), s.number(), s.state(), f, true));
        return new Notice(s.id(), seq, body);
    }

    /** The partner accepted this notice: it is owed no more, unless the clue changes again. */
    void accepted(Notice n) {
        Long before = work.marks(Clue.LINE, key(n.clueId())).get(key(n.clueId()));
        if (before == null || before < n.seq()) {
            work.setMark(Clue.LINE, key(n.clueId()), n.seq());
        }
        pending.remove(n.clueId());
    }

    static String key(long clueId) {
        return "notified|" + clueId;
    }
}
