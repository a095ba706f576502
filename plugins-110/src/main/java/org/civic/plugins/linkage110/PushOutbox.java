package org.civic.plugins.linkage110;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.civic.core.api.CivicException;
import org.civic.core.api.Page;
import org.civic.core.api.org.RememberedLogins;
import org.civic.core.api.workflow.ItemQuery;
import org.civic.core.api.workflow.ItemSummary;
import org.civic.core.api.workflow.WorkflowService;

/**
 * The outbound messages of spec §10 (docs/linkage110.md decision 18): the WeChat push messages to a unit's
 * handlers on dispatch, send-back, dispute and extension decisions, and the SMS to a unit's duty phone on an
 * urgent dispatch. The database is the outbox, as for the clue line's notices: the actions' handlers raise a
 * per-unit sequence in the appeal's fields {@value AppealRules#NOTICES} and {@value AppealRules#SMS}; a message
 * is owed until the partner accepted that sequence, which the line keeps as a mark ({@code push|<appeal>|<unit>},
 * {@code sms|<appeal>|<unit>}). Nothing is lost while a partner is down or the platform restarts, a burst of
 * actions on one unit's task sends the latest state once, and a repeat carries the same {@code seq}.
 *
 * <p>Messages are owed only while the appeal is DISPATCHED (its tasks are being handled): once it awaits archiving
 * or is archived an undelivered one is moot, so turning a channel on later does not replay the history.
 *
 * <p>The WeChat recipients are read when the message is built: the unit's handlers with a live remembered WeChat
 * login ({@link RememberedLogins#boundIn}). A unit without any is owed nothing; its notice counts as done.
 */
final class PushOutbox {

    static final String WECHAT = "WECHAT";
    static final String SMS = "SMS";

    /** A message owed to a partner: {@code kind} WECHAT or SMS, the body to POST at sequence {@code seq}. */
    record Notice(String kind, long appealId, long unitId, long seq, Map<String, Object> body) {

        String key() {
            return PushOutbox.key(kind, appealId, unitId);
        }
    }

    /**
     * How far behind the newest change a scan looks again. The kernel's deadline and card actions (callback
     * overdue, card notices) are timed at the deadline or card instant, which lies up to one card-scanner interval
     * (60 s by default) before the moment they are written; the margin must be wider than that interval.
     */
    private static final long MARGIN_MILLIS = 10 * 60_000;

    private final WorkflowService work;
    private final RememberedLogins remembered;
    private final boolean push;
    private final boolean sms;
    private final Set<Long> pending = ConcurrentHashMap.newKeySet();
    private volatile long scannedUpTo;

    PushOutbox(WorkflowService work, RememberedLogins remembered, boolean push, boolean sms) {
        this.work = work;
        this.remembered = remembered;
        this.push = push;
        this.sms = sms;
    }

    /** The messages owed now, per appeal and unit. */
    synchronized List<Notice> due() {
        List<Notice> out = new ArrayList<>();
        if (!push && !sms) {
            return out;
        }
        Map<String, Long> sent = new LinkedHashMap<>(work.marks(Linkage110Line.LINE, "push|"));
        sent.putAll(work.marks(Linkage110Line.LINE, "sms|"));
        long newest = scannedUpTo;
        Map<Long, ItemSummary> changed = new LinkedHashMap<>();
        int offset = 0;
        scan:
        while (true) {
            Page<ItemSummary> page = work.query(AutoCallbacks.system(), Linkage110Line.LINE,
                    new ItemQuery(null, null, null, null, null, null, null, null, "-updatedAt", offset, Page.MAX_LIMIT));
            for (ItemSummary s : page.items()) {
                long at = s.updatedAt().toInstant().toEpochMilli();
                newest = Math.max(newest, at);
                if (at < scannedUpTo - MARGIN_MILLIS) {
                    break scan;
                }
                changed.put(s.id(), s);
            }
            offset += page.items().size();
            if (page.items().isEmpty() || offset >= page.total()) {
                break;
            }
        }
        pending.addAll(changed.keySet());
        for (Long id : List.copyOf(pending)) {
            ItemSummary s = changed.get(id);
            if (s == null) {
                // owed since an earlier scan and unchanged since: read it again
                s = find(id);
            }
            List<Notice> owed = s == null ? List.of() : owed(s, sent);
            if (owed.isEmpty()) {
                pending.remove(id);
            }
            out.addAll(owed);
        }
        scannedUpTo = newest;
        return out;
    }

    private ItemSummary find(long id) {
        try {
            var v = work.get(AutoCallbacks.system(), id);
            return new ItemSummary(v.id(), v.number(), v.line(), v.title(), v.regionCode(), v.state(), v.stateLabel(),
                    v.createdAt(), v.updatedAt(), v.closedAt(), null, null, null, List.of(), v.fields());
        } catch (CivicException e) {
            return null;
        }
    }

    private List<Notice> owed(ItemSummary s, Map<String, Long> sent) {
        List<Notice> out = new ArrayList<>();
        if (!"DISPATCHED".equals(s.state())) {
            return out;   // awaiting archive or archived: an undelivered message is moot
        }
        if (push) {
            for (Map.Entry<Long, Map<?, ?>> e : entries(s.fields().get(AppealRules.NOTICES)).entrySet()) {
                long unitId = e.getKey();
                long seq = seq(e.getValue());
                if (!owed(sent, key(WECHAT, s.id(), unitId), seq)) {
                    continue;
                }
                List<String> users = recipients(unitId);
                Notice n = new Notice(WECHAT, s.id(), unitId, seq,
                        wechat(s, unitId, String.valueOf(e.getValue().get("event")), users, seq));
                if (users.isEmpty()) {
                    accepted(n);   // nobody of the unit can be reached on WeChat: nothing is owed
                } else {
                    out.add(n);
                }
            }
        }
        if (sms) {
            for (Map.Entry<Long, Map<?, ?>> e : entries(s.fields().get(AppealRules.SMS)).entrySet()) {
                long unitId = e.getKey();
                long seq = seq(e.getValue());
                if (owed(sent, key(SMS, s.id(), unitId), seq)) {
                    out.add(new Notice(SMS, s.id(), unitId, seq,
                            sms(s, unitId, String.valueOf(e.getValue().get("phone")), seq)));
                }
            }
        }
        return out;
    }

    private List<String> recipients(long unitId) {
        List<String> out = new ArrayList<>();
        for (RememberedLogins.Binding b : remembered.boundIn(WeChatLogins.CHANNEL, unitId)) {
            if (b.user().hasRole(Linkage110Line.HANDLER) && !out.contains(b.identity())) {
                out.add(b.identity());
            }
        }
        out.sort(null);   // a repeat names the same recipients in the same order
        return out;
    }

    private static boolean owed(Map<String, Long> sent, String key, long seq) {
        Long accepted = sent.get(key);
        return seq > 0 && (accepted == null || accepted < seq);
    }

    private static Map<Long, Map<?, ?>> entries(Object field) {
        Map<Long, Map<?, ?>> out = new LinkedHashMap<>();
        if (field instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (e.getValue() instanceof Map<?, ?> v) {
                    try {
                        out.put(Long.parseLong(String.valueOf(e.getKey())), v);
                    } catch (NumberFormatException ignored) {
                        // not a unit id: not ours
                    }
                }
            }
        }
        return out;
    }

    private static long seq(Map<?, ?> entry) {
        return entry.get("seq") instanceof Number n ? n.longValue() : 0;
    }

    private static Map<String, Object> wechat(ItemSummary s, long unitId, String event, List<String> users, long seq) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "linkage110.push");
        body.put("appealId", s.id());
        body.put("districtNo", s.fields().get("districtNo"));
        body.put("unitId", unitId);
        body.put("event", event);
        body.put("wechatUserIds", users);
        body.put("text", text(event, s));
        body.put("seq", seq);
        return body;
    }

    private static Map<String, Object> sms(ItemSummary s, long unitId, String phone, long seq) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("phone", phone);
        body.put("text", "【110联动】紧急事件已派发至您单位，请立即签收：" + subject(s));
        body.put("appealId", s.id());
        body.put("unitId", unitId);
        body.put("seq", seq);
        return body;
    }

    /** The message text (Chinese, for the handlers' WeChat). */
    static String text(String event, ItemSummary s) {
        String subject = subject(s);
        return switch (event) {
            case AppealRules.PUSH_DISPATCH -> (Boolean.TRUE.equals(s.fields().get("urgent")) ? "【紧急】" : "")
                    + "您有新的110联动事件待签收：" + subject;
            case AppealRules.PUSH_SUPERVISE -> "110联动事件已督办发回，请重新办理：" + subject;
            case AppealRules.PUSH_DISPUTE_ACCEPTED -> "您单位提出的争议已成立，事件已改派其他单位：" + subject;
            case AppealRules.PUSH_DISPUTE_REJECTED -> "您单位提出的争议不成立，请继续办理：" + subject;
            case AppealRules.PUSH_EXTENSION_APPROVED -> "您单位的延期申请已同意：" + subject;
            case AppealRules.PUSH_EXTENSION_REJECTED -> "您单位的延期申请未同意，请按原期限办理：" + subject;
            case AppealRules.PUSH_CALLBACK_OVERDUE -> "您单位反馈的110联动事件已超过回访时限，请尽快完成部门回访：" + subject;
            case AppealRules.PUSH_SIGN_YELLOW -> "您单位的110联动事件超时未签收，已亮黄牌，请立即签收：" + subject;
            case AppealRules.PUSH_HANDLING_YELLOW -> "您单位的110联动事件已超过办理期限，已亮黄牌，请尽快办理反馈：" + subject;
            case AppealRules.PUSH_HANDLING_RED -> "您单位的110联动事件超期仍未反馈，已亮红牌，请立即办理反馈：" + subject;
            default -> "110联动事件有新的进展：" + subject;
        };
    }

    private static String subject(ItemSummary s) {
        Object no = s.fields().get("districtNo");
        return (no == null ? "" : no + " ") + s.title();
    }

    /** The partner accepted this message: it is owed no more, unless the unit's task changes again. */
    void accepted(Notice n) {
        Long before = work.marks(Linkage110Line.LINE, n.key()).get(n.key());
        if (before == null || before < n.seq()) {
            work.setMark(Linkage110Line.LINE, n.key(), n.seq());
        }
    }

    static String key(String kind, long appealId, long unitId) {
        return (SMS.equals(kind) ? "sms|" : "push|") + appealId + "|" + unitId;
    }
}
