package org.civic.core.rest.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.civic.core.api.org.Caller;
import org.civic.core.api.workflow.ActionDef;
import org.civic.core.api.workflow.ClockDef;
import org.civic.core.api.workflow.LineDefinition;
import org.civic.core.api.workflow.Statistic;
import org.civic.core.api.workflow.WorklistDef;

/**
 * What a console needs to know of an installed line: its labels, states, forms, actions, clocks and
 * the worklists the caller may open with their counts (the menu entries the plugin contributes).
 */
final class LineDescriptions {

    private LineDescriptions() {
    }

    static Map<String, Object> describe(LineDefinition d, Caller caller, Map<String, Long> counts) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("line", d.line());
        m.put("label", d.label());
        m.put("numberPrefix", d.numberPrefix());
        m.put("states", d.states());
        m.put("initialState", d.initialState());
        m.put("assignmentStates", d.assignmentStates());
        m.put("mayCreate", d.createRoles().stream().anyMatch(caller::hasRole));
        m.put("createFields", d.createFields());
        m.put("viewFields", d.viewFields());
        List<Map<String, Object>> actions = new ArrayList<>();
        for (ActionDef a : d.actions()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("id", a.id());
            x.put("label", a.label());
            x.put("from", a.from());
            x.put("onAssignment", a.onAssignment());
            x.put("to", a.to());
            x.put("toAssignment", a.toAssignment());
            x.put("roles", a.allRoles());
            x.put("scope", a.scope());
            x.put("input", a.input());
            actions.add(x);
        }
        m.put("actions", actions);
        List<Map<String, Object>> clocks = new ArrayList<>();
        for (ClockDef c : d.clocks()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("name", c.name());
            x.put("label", c.label());
            x.put("perAssignment", c.perAssignment());
            x.put("rule", c.rule());
            x.put("urgentRule", c.urgentRule());
            x.put("yellowCard", c.yellowCard());
            x.put("redAfterWorkingDays", c.redAfterWorkingDays());
            x.put("deadlineAction", c.deadlineAction());
            x.put("cardAction", c.cardAction());
            clocks.add(x);
        }
        m.put("clocks", clocks);
        List<Map<String, Object>> menu = new ArrayList<>();
        for (WorklistDef w : d.worklists()) {
            if (!counts.containsKey(w.name())) {
                continue;
            }
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("name", w.name());
            x.put("label", w.label());
            x.put("audience", w.audience());
            x.put("reminder", w.reminder());
            x.put("columns", w.columns());
            x.put("count", counts.get(w.name()));
            x.put("href", "/api/v1/" + d.line() + "/worklists/" + w.name());
            menu.add(x);
        }
        m.put("worklists", menu);
        m.put("statistics", Statistic.NAMES);
        return m;
    }
}
