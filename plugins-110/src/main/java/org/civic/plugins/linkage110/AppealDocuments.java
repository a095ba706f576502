package org.civic.plugins.linkage110;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.civic.core.api.org.Caller;
import org.civic.core.api.workflow.ItemView;

/**
 * Values of the two printable documents of spec §9 (A10), the 110联动事件派发单 and the 事件档案, computed
 * from the appeal as the printer sees it (the appellant's phone is already masked for leaders, A11): the
 * units with their sign and handling deadlines, the dispatcher, and the appeal's history as printable lines.
 */
final class AppealDocuments {

    /** Inputs of the line's actions that hold what a unit or the district wrote. */
    private static final List<String> WRITTEN = List.of("content", "description", "reason", "opinion");

    private AppealDocuments() {
    }

    static Map<String, Object> values(ItemView item, Caller caller) {
        Map<String, Object> f = item.fields();
        Map<String, Object> out = new LinkedHashMap<>();
        String name = text(f.get("appellantName"));
        out.put("appellant", name.isBlank() ? "匿名" : name);
        // Already masked for leaders and partners (A11): the view passed through Linkage110Masking.
        out.put("phone", text(f.get("appellantPhone")));
        out.put("units", units(item));
        ItemView.AuditEntry dispatch = null;
        for (ItemView.AuditEntry e : item.auditTrail()) {
            if ("dispatch".equals(e.action())) {
                dispatch = e;
            }
        }
        out.put("dispatcher", dispatch == null ? "" : dispatch.actorName());
        out.put("history", history(item));
        out.put("callbackLabels", Map.of(AppealRules.SATISFIED, "满意", AppealRules.UNSATISFIED, "不满意",
                AppealRules.UNREACHABLE, "无法联系"));
        return out;
    }

    private static List<Map<String, Object>> units(ItemView item) {
        List<Map<String, Object>> units = new ArrayList<>();
        for (ItemView.Assignment a : item.assignments()) {
            Map<String, Object> u = new LinkedHashMap<>();
            u.put("name", a.unitName());
            u.put("state", a.stateLabel() == null ? a.state() : a.stateLabel().zh());
            u.put("active", a.active());
            u.put("signDeadline", deadline(a, "sign"));
            u.put("handlingDeadline", deadline(a, "handling"));
            List<Map<String, Object>> cards = new ArrayList<>();
            for (ItemView.Card c : a.cards()) {
                cards.add(Map.of("colour", "RED".equals(c.colour()) ? "红牌" : "黄牌", "at", c.raisedAt()));
            }
            u.put("cards", cards);
            units.add(u);
        }
        return units;
    }

    private static Object deadline(ItemView.Assignment a, String clock) {
        // A send-back restarts the handling clock: the latest one counts.
        return a.clocks().stream().filter(c -> clock.equals(c.name())).map(ItemView.Clock::deadline).filter(Objects::nonNull)
                .reduce((first, second) -> second).orElse(null);
    }

    /** One line per audit entry: when, unit, person, action and what they wrote. */
    private static List<Map<String, Object>> history(ItemView item) {
        List<Map<String, Object>> lines = new ArrayList<>();
        for (ItemView.AuditEntry e : item.auditTrail()) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("at", e.at());
            line.put("unit", text(e.unitName()));
            line.put("person", text(e.actorName()));
            line.put("action", e.actionLabel() == null ? e.action() : e.actionLabel().zh());
            List<String> written = new ArrayList<>();
            Map<String, Object> input = e.input() == null ? Map.of() : e.input();
            for (String key : WRITTEN) {
                if (input.get(key) != null && !text(input.get(key)).isBlank()) {
                    written.add(text(input.get(key)));
                }
            }
            if (written.isEmpty() && e.opinion() != null) {
                written.add(e.opinion());
            }
            if (input.get("result") != null) {
                String r = text(input.get("result"));
                written.add(0, AppealRules.SATISFIED.equals(r) ? "满意" : AppealRules.UNSATISFIED.equals(r) ? "不满意"
                        : AppealRules.UNREACHABLE.equals(r) ? "无法联系" : r);
            }
            line.put("text", String.join("；", written));
            lines.add(line);
        }
        return lines;
    }

    private static String text(Object o) {
        return o == null ? "" : String.valueOf(o);
    }
}
