package org.civic.core.internal.workflow;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import javax.persistence.EntityManager;

import org.civic.core.api.CivicException;
import org.civic.core.api.org.Caller;
import org.civic.core.api.org.RecordStatus;
import org.civic.core.api.org.RegionCodes;
import org.civic.core.api.org.Unit;
import org.civic.core.api.time.Deadlines;
import org.civic.core.api.workflow.ActionContext;
import org.civic.core.api.workflow.ActionDef;
import org.civic.core.api.workflow.ClockDef;
import org.civic.core.api.workflow.DeadlineRules;
import org.civic.core.api.workflow.LineDefinition;
import org.civic.core.api.workflow.StateDef;
import org.civic.core.internal.org.Mapping;
import org.civic.core.internal.persistence.AssignmentEntity;
import org.civic.core.internal.persistence.ClockEntity;
import org.civic.core.internal.persistence.ItemLinkEntity;
import org.civic.core.internal.persistence.UnitEntity;
import org.civic.core.internal.persistence.WorkItemEntity;

/**
 * One action (or a create) being applied to one item inside its transaction: the
 * {@link ActionContext} effects and handlers work on. It records what changed for the audit entry.
 */
final class ActionRun implements ActionContext, ClockRow.ClockEvents {

    final EntityManager em;
    final WorkItemEntity item;
    final LineDefinition line;
    final ActionDef action;
    final Caller caller;
    final Instant now;
    final Deadlines deadlines;
    final Map<String, Object> input;
    final Map<String, Object> fields;
    final List<AssignmentRow> assignments = new ArrayList<>();
    final List<AssignmentRow> created = new ArrayList<>();
    final List<ClockRow> clocks = new ArrayList<>();
    final List<Map<String, Object>> clockEvents = new ArrayList<>();
    final Map<String, Object> notes = new LinkedHashMap<>();
    final Visibility visibility;
    AssignmentRow acting;
    /** Further events to publish after the commit ({@link #publishAlso}). */
    final List<String> alsoPublish = new ArrayList<>();
    /** The audit entry's channel when the line set one ({@link #recordChannel}). */
    String channel;
    /** Hands out the next value of a named counter of this line (set by the kernel). */
    java.util.function.ToLongFunction<String> sequences;

    ActionRun(EntityManager em, WorkItemEntity item, LineDefinition line, ActionDef action, Caller caller, Instant now,
            Deadlines deadlines, Map<String, Object> input, Map<String, Object> fields, Visibility visibility) {
        this.em = em;
        this.item = item;
        this.line = line;
        this.action = action;
        this.caller = caller;
        this.now = now;
        this.deadlines = deadlines;
        this.input = input;
        this.fields = fields;
        this.visibility = visibility;
        if (item.getId() != 0) {
            for (AssignmentEntity a : em.createQuery(
                    "SELECT a FROM AssignmentEntity a WHERE a.itemId = :item ORDER BY a.id", AssignmentEntity.class)
                    .setParameter("item", item.getId()).getResultList()) {
                assignments.add(new AssignmentRow(a));
            }
            for (ClockEntity c : em.createQuery("SELECT c FROM ClockEntity c WHERE c.itemId = :item ORDER BY c.id",
                    ClockEntity.class).setParameter("item", item.getId()).getResultList()) {
                ClockDef def = line.clock(c.getName());
                clocks.add(new ClockRow(c, def, rule(def), deadlines, now, this));
            }
        }
    }

    @Override
    public Caller caller() {
        return caller;
    }

    @Override
    public Instant now() {
        return now;
    }

    @Override
    public LineDefinition line() {
        return line;
    }

    @Override
    public ActionDef action() {
        return action;
    }

    @Override
    public long itemId() {
        return item.getId();
    }

    @Override
    public String number() {
        return item.getItemNumber();
    }

    @Override
    public String regionCode() {
        return item.getRegionCode();
    }

    @Override
    public String state() {
        return item.getState();
    }

    @Override
    public void moveItemTo(String state) {
        // A create effect may choose the new item's first state among the non-terminal ones (a clue with a
        // workplace city waits for that city's receipt; one without is handled by the province at once).
        boolean declared = action == null ? line.state(state) != null && !line.state(state).terminal()
                : state.equals(action.to()) || action.alsoTo().contains(state);
        if (!declared || line.state(state) == null) {
            throw new IllegalStateException("Action " + (action == null ? "create" : action.id())
                    + " does not declare the target state " + state);
        }
        item.setState(state);
    }

    @Override
    public Map<String, Object> input() {
        return input;
    }

    @Override
    public Object field(String id) {
        return fields.get(id);
    }

    @Override
    public void setField(String id, Object value) {
        if (LineDefinition.TITLE.equals(id) && value instanceof String s) {
            item.setTitle(s);
        }
        fields.put(id, Inputs.stored(value));
    }

    @Override
    public Assignment acting() {
        return acting;
    }

    @Override
    public List<Assignment> assignments() {
        return List.copyOf(assignments);
    }

    @Override
    public List<Assignment> created() {
        return List.copyOf(created);
    }

    @Override
    public Assignment assign(Unit unit, String role, String state) {
        if (line.assignmentState(state) == null) {
            throw new IllegalStateException("Unknown assignment state " + state);
        }
        AssignmentEntity a = new AssignmentEntity();
        a.setItemId(item.getId());
        a.setUnitId(unit.id());
        a.setUnitName(unit.name());
        a.setUnitRegionCode(unit.regionCode());
        a.setRole(role);
        a.setState(state);
        a.setActive(!line.assignmentState(state).terminal());
        a.setCreatedAt(now.toEpochMilli());
        a.setUpdatedAt(now.toEpochMilli());
        em.persist(a);
        em.flush();
        AssignmentRow row = new AssignmentRow(a);
        assignments.add(row);
        created.add(row);
        return row;
    }

    @Override
    public Unit addressableUnit(String field, long unitId) {
        UnitEntity u = em.find(UnitEntity.class, unitId);
        if (u == null || !RecordStatus.ACTIVE.name().equals(u.getStatus())
                || !(caller.isGlobalAdmin() || RegionCodes.isWithin(u.getRegionCode(), caller.regionCode()))) {
            throw CivicException.invalidValue(field, "Unit " + unitId + " does not exist, is disabled or lies outside your region");
        }
        return Mapping.unit(u);
    }

    @Override
    public Clock clock(Assignment assignment, String name) {
        long aid = assignment == null ? 0 : assignment.id();
        ClockRow found = null;
        for (ClockRow c : clocks) {
            if (c.e.getAssignmentId() == aid && c.e.getName().equals(name)) {
                found = c;
            }
        }
        return found;
    }

    @Override
    public Clock startClock(Assignment assignment, String name, Instant deadlineOrNull) {
        ClockDef def = line.clock(name);
        if (def == null) {
            throw new IllegalStateException("Unknown clock " + name);
        }
        ClockRow previous = (ClockRow) clock(assignment, name);
        if (previous != null && !ClockRow.STOPPED.equals(previous.e.getStatus())) {
            previous.stop();
        }
        Instant deadline = deadlineOrNull;
        if (deadline == null) {
            deadline = DeadlineRules.apply(deadlines, rule(def), now);
        }
        ClockEntity c = new ClockEntity();
        c.setItemId(item.getId());
        c.setAssignmentId(assignment == null ? 0 : assignment.id());
        c.setUnitId(assignment == null ? 0 : assignment.unitId());
        c.setLine(line.line());
        c.setName(name);
        ClockRow row = new ClockRow(c, def, rule(def), deadlines, now, this);
        row.start(deadline);
        em.persist(c);
        clocks.add(row);
        return row;
    }

    /** The rule a clock of this item follows: the urgent one when the item's urgent field is true. */
    private ClockDef.DeadlineRule rule(ClockDef def) {
        if (def == null) {
            return null;
        }
        if (def.urgentField() != null && Boolean.TRUE.equals(fields.get(def.urgentField()))) {
            return def.urgentRule();
        }
        return def.rule();
    }

    @Override
    public void link(String kind, long otherItemId) {
        WorkItemEntity other = em.find(WorkItemEntity.class, otherItemId);
        if (other == null || other.getId() == item.getId() || !visibility.canSee(em, caller, other)) {
            throw CivicException.invalidValue("itemId", "No item " + otherItemId + " to link to");
        }
        ItemLinkEntity l = new ItemLinkEntity();
        l.setFromItem(item.getId());
        l.setToItem(otherItemId);
        l.setKind(kind);
        l.setAt(now.toEpochMilli());
        em.persist(l);
        notes.put("link", Map.of("kind", kind, "itemId", otherItemId, "number", other.getItemNumber()));
    }

    @Override
    public Deadlines deadlines() {
        return deadlines;
    }

    @Override
    public long nextInSequence(String name) {
        if (sequences == null || name == null || name.isBlank()) {
            throw new IllegalStateException("No sequence " + name);
        }
        return sequences.applyAsLong(name);
    }

    @Override
    public void moveToRegion(String regionCode) {
        if (regionCode == null || regionCode.equals(item.getRegionCode())) {
            return;
        }
        if (org.civic.core.internal.org.OrganizationServiceImpl.findRegion(em, regionCode) == null) {
            throw CivicException.invalidValue("regionCode", "No region " + regionCode);
        }
        notes.put("region", Map.of("from", item.getRegionCode(), "to", regionCode));
        item.setRegionCode(regionCode);
    }

    @Override
    public void publishAlso(String name) {
        if (name == null || !name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("An event name is lower_snake: " + name);
        }
        alsoPublish.add(name);
    }

    @Override
    public void recordChannel(String name) {
        channel = name;
    }

    @Override
    public void note(String key, Object value) {
        notes.put(key, value);
    }

    @Override
    public void clockEvent(ClockRow clock, String event, Map<String, Object> details) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("clock", clock.name());
        e.put("event", event);
        if (clock.e.getAssignmentId() != 0) {
            e.put("assignmentId", clock.e.getAssignmentId());
        }
        e.putAll(details);
        clockEvents.add(e);
    }

    /** The nearest deadline of a running clock, for the "deadline" sort. */
    Long nearestDeadline() {
        return clocks.stream().filter(ClockRow::running).map(c -> c.e.getDeadline()).min(Long::compare).orElse(null);
    }

    /** An assignment row with the moves effects may make. */
    final class AssignmentRow implements Assignment {
        final AssignmentEntity e;

        AssignmentRow(AssignmentEntity e) {
            this.e = e;
        }

        @Override
        public long id() {
            return e.getId();
        }

        @Override
        public long unitId() {
            return e.getUnitId();
        }

        @Override
        public String unitName() {
            return e.getUnitName();
        }

        @Override
        public String unitRegionCode() {
            return e.getUnitRegionCode();
        }

        @Override
        public String role() {
            return e.getRole();
        }

        @Override
        public String state() {
            return e.getState();
        }

        @Override
        public boolean active() {
            return e.isActive();
        }

        @Override
        public void moveTo(String state) {
            StateDef s = line.assignmentState(state);
            if (s == null) {
                throw new IllegalStateException("Unknown assignment state " + state);
            }
            e.setState(state);
            e.setActive(!s.terminal());
            e.setUpdatedAt(now.toEpochMilli());
            if (s.terminal()) {
                for (ClockRow c : clocks) {
                    if (c.e.getAssignmentId() == e.getId() && !ClockRow.STOPPED.equals(c.e.getStatus())) {
                        c.stop();
                    }
                }
            }
        }

        @Override
        public void transferTo(Unit unit) {
            List<Long> history = new ArrayList<>(previousUnits());
            history.add(e.getUnitId());
            e.setPreviousUnits(history.stream().map(String::valueOf).collect(Collectors.joining(",")));
            notes.put("transfer", Map.of("fromUnitId", e.getUnitId(), "fromUnit", e.getUnitName(), "toUnitId", unit.id(),
                    "toUnit", unit.name()));
            e.setUnitId(unit.id());
            e.setUnitName(unit.name());
            e.setUnitRegionCode(unit.regionCode());
            e.setUserId(null);
            e.setUpdatedAt(now.toEpochMilli());
            for (ClockRow c : clocks) {
                if (c.e.getAssignmentId() == e.getId()) {
                    c.e.setUnitId(unit.id());
                }
            }
        }

        @Override
        public boolean returnToPrevious() {
            List<Long> history = new ArrayList<>(previousUnits());
            if (history.isEmpty()) {
                return false;
            }
            long back = history.remove(history.size() - 1);
            UnitEntity u = em.find(UnitEntity.class, back);
            notes.put("return", Map.of("fromUnitId", e.getUnitId(), "fromUnit", e.getUnitName(), "toUnitId", back,
                    "toUnit", u == null ? "" : u.getName()));
            e.setPreviousUnits(history.stream().map(String::valueOf).collect(Collectors.joining(",")));
            e.setUnitId(back);
            if (u != null) {
                e.setUnitName(u.getName());
                e.setUnitRegionCode(u.getRegionCode());
            }
            e.setUserId(null);
            e.setUpdatedAt(now.toEpochMilli());
            for (ClockRow c : clocks) {
                if (c.e.getAssignmentId() == e.getId()) {
                    c.e.setUnitId(back);
                }
            }
            return true;
        }

        @Override
        public List<Long> previousUnits() {
            return ItemViews.previous(e);
        }
    }
}
