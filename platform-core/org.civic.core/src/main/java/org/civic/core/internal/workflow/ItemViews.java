package org.civic.core.internal.workflow;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.persistence.EntityManager;

import org.civic.core.api.PlatformClock;
import org.civic.core.api.org.Caller;
import org.civic.core.api.spi.FieldMasking;
import org.civic.core.api.workflow.ActionDef;
import org.civic.core.api.workflow.ClockDef;
import org.civic.core.api.workflow.ItemSummary;
import org.civic.core.api.workflow.ItemView;
import org.civic.core.api.workflow.Label;
import org.civic.core.api.workflow.LineDefinition;
import org.civic.core.api.workflow.StateDef;
import org.civic.core.internal.persistence.AssignmentEntity;
import org.civic.core.internal.persistence.AttachmentEntity;
import org.civic.core.internal.persistence.CardEntity;
import org.civic.core.internal.persistence.ClockEntity;
import org.civic.core.internal.persistence.ItemAuditEntity;
import org.civic.core.internal.persistence.ItemLinkEntity;
import org.civic.core.internal.persistence.WorkItemEntity;

/** Turns stored items into what callers see: views with available actions, and list rows. */
final class ItemViews {

    private final Lines lines;
    private final Visibility visibility;
    private final PlatformClock clock;

    private final List<FieldMasking> maskings = new java.util.concurrent.CopyOnWriteArrayList<>();

    ItemViews(Lines lines, Visibility visibility, PlatformClock clock) {
        this.lines = lines;
        this.visibility = visibility;
        this.clock = clock;
    }

    void addMasking(FieldMasking m) {
        maskings.add(m);
    }

    void removeMasking(FieldMasking m) {
        maskings.remove(m);
    }

    /** The fields as this caller may read them: the lines' {@link FieldMasking} rules applied. */
    Map<String, Object> masked(Caller caller, String line, Map<String, Object> fields) {
        if (fields == null || maskings.isEmpty()) {
            return fields;
        }
        Map<String, Object> out = fields;
        for (FieldMasking m : maskings) {
            if (!m.line().equals(line)) {
                continue;
            }
            for (String id : m.maskedFor(caller)) {
                if (out.get(id) != null) {
                    if (out == fields) {
                        out = new java.util.LinkedHashMap<>(fields);
                    }
                    out.put(id, FieldMasking.mask(out.get(id)));
                }
            }
        }
        return out;
    }

    static OffsetDateTime time(Long millis) {
        return millis == null ? null : OffsetDateTime.ofInstant(Instant.ofEpochMilli(millis), PlatformClock.ZONE);
    }

    static Label label(StateDef s, String id) {
        return s == null ? Label.of(id, id) : s.label();
    }

    ItemView view(EntityManager em, Caller caller, WorkItemEntity item) {
        long id = item.getId();
        return view(em, caller, item, WorkflowServiceImpl.assignmentsOf(em, id),
                em.createQuery("SELECT c FROM ClockEntity c WHERE c.itemId = :i ORDER BY c.id", ClockEntity.class)
                        .setParameter("i", id).getResultList());
    }

    /**
     * The view from the item's assignments and clocks as the caller already holds them (an action's run
     * has every row it loaded or wrote, ordered by id), which saves reading them again.
     */
    ItemView view(EntityManager em, Caller caller, WorkItemEntity item, List<AssignmentEntity> assignments,
            List<ClockEntity> clocks) {
        LineDefinition def = lines.find(item.getLine());
        Instant now = clock.now();
        long id = item.getId();
        // A raised card marks its clock (yellowAt, redAt): without one, there is no card to read.
        boolean anyCard = clocks.stream().anyMatch(c -> c.getYellowAt() != null || c.getRedAt() != null);
        List<CardEntity> cards = !anyCard ? List.of() : em.createQuery(
                "SELECT k FROM CardEntity k WHERE k.itemId = :i ORDER BY k.raisedAt, k.id", CardEntity.class)
                .setParameter("i", id).getResultList();
        List<ItemView.Assignment> holders = new ArrayList<>();
        for (AssignmentEntity a : assignments) {
            List<ItemView.Clock> own = clocks.stream().filter(c -> c.getAssignmentId() == a.getId())
                    .map(c -> clock(def, c, now)).toList();
            List<ItemView.Card> ownCards = cards.stream().filter(k -> k.getAssignmentId() == a.getId()).map(ItemViews::card)
                    .toList();
            holders.add(new ItemView.Assignment(a.getId(), a.getUnitId(), a.getUnitName(), a.getUnitRegionCode(),
                    a.getRole(), a.getState(), label(def == null ? null : def.assignmentState(a.getState()), a.getState()),
                    a.isActive(), previous(a), time(a.getCreatedAt()), own, ownCards));
        }
        List<ItemView.Link> links = new ArrayList<>();
        for (ItemLinkEntity l : em.createQuery("SELECT l FROM ItemLinkEntity l WHERE l.fromItem = :i OR l.toItem = :i"
                + " ORDER BY l.id", ItemLinkEntity.class).setParameter("i", id).getResultList()) {
            boolean out = l.getFromItem() == id;
            long other = out ? l.getToItem() : l.getFromItem();
            WorkItemEntity o = em.find(WorkItemEntity.class, other);
            if (o == null) {
                continue;
            }
            org.civic.core.internal.persistence.UnitEntity by = em.find(
                    org.civic.core.internal.persistence.UnitEntity.class, o.getCreatedUnitId());
            String byUnit = by == null ? null : by.getName();
            if (visibility.canSee(em, caller, o)) {
                links.add(new ItemView.Link(l.getKind(), out ? "OUT" : "IN", other, o.getItemNumber(), o.getLine(),
                        o.getState(), byUnit, true));
            } else {
                links.add(new ItemView.Link(l.getKind(), out ? "OUT" : "IN", 0, null, o.getLine(), null, byUnit, false));
            }
        }
        List<ItemView.Attachment> files = em.createQuery("SELECT a FROM AttachmentEntity a WHERE a.itemId = :i ORDER BY a.id",
                AttachmentEntity.class).setParameter("i", id).getResultList().stream().map(ItemViews::attachment).toList();
        List<ItemView.AuditEntry> trail = new ArrayList<>();
        for (ItemAuditEntity a : em.createQuery("SELECT a FROM ItemAuditEntity a WHERE a.itemId = :i ORDER BY a.at, a.id",
                ItemAuditEntity.class).setParameter("i", id).getResultList()) {
            ActionDef ad = def == null ? null : def.action(a.getAction());
            Label actionLabel = ad != null ? ad.label() : systemLabel(a.getAction());
            trail.add(new ItemView.AuditEntry(a.getId(), time(a.getAt()), a.getActor(), a.getActorName(), a.getUnitId(),
                    a.getUnitName(), a.getChannel(), a.getAction(), actionLabel, a.getFromState(), a.getToState(),
                    a.getAssignmentId(), a.getOpinion(), masked(caller, item.getLine(), WorkflowServiceImpl.fromJson(a.getInput())),
                    WorkflowServiceImpl.fromJson(a.getDetails())));
        }
        StateDef state = def == null ? null : def.state(item.getState());
        return new ItemView(id, item.getItemNumber(), item.getLine(), def != null, item.getTitle(), item.getRegionCode(),
                item.getState(), label(state, item.getState()), state != null && state.terminal(),
                masked(caller, item.getLine(), WorkflowServiceImpl.fromJson(item.getFields())), item.getVersion(),
                time(item.getCreatedAt()),
                item.getCreatedBy(), item.getCreatedUnitId(), time(item.getUpdatedAt()), item.getUpdatedBy(),
                time(item.getClosedAt()), holders,
                clocks.stream().filter(c -> c.getAssignmentId() == 0).map(c -> clock(def, c, now)).toList(),
                cards.stream().map(ItemViews::card).toList(), available(def, caller, item, assignments), links, files,
                trail);
    }

    private static Label systemLabel(String action) {
        return switch (action) {
            case "create" -> Label.of("创建", "Create");
            case "yellow_card" -> Label.of("黄牌", "Yellow card");
            case "red_card" -> Label.of("红牌", "Red card");
            default -> Label.of(action, action);
        };
    }

    static List<Long> previous(AssignmentEntity a) {
        String p = a.getPreviousUnits();
        return p == null || p.isBlank() ? List.of() : java.util.Arrays.stream(p.split(",")).map(Long::valueOf).toList();
    }

    /** Whether the caller may take some action on the item now (an upload is staged for an action). */
    boolean mayAct(LineDefinition def, Caller caller, WorkItemEntity item, List<AssignmentEntity> assignments) {
        return !available(def, caller, item, assignments).isEmpty();
    }

    /** The actions the caller may take now: role, scope and states pass (input is checked when taken). */
    private static List<ItemView.Action> available(LineDefinition def, Caller caller, WorkItemEntity item,
            List<AssignmentEntity> assignments) {
        List<ItemView.Action> result = new ArrayList<>();
        if (def == null) {
            return result;
        }
        for (ActionDef a : def.actions()) {
            if (a.rolesFor(item.getState()).stream().noneMatch(caller::hasRole) || !a.from().contains(item.getState())) {
                continue;
            }
            boolean scoped = Guards.inScope(a, caller, item,
                    assignments.stream().anyMatch(x -> x.isActive() && x.getUnitId() == caller.unitId()));
            if (!scoped) {
                continue;
            }
            if (!a.onAnAssignment()) {
                result.add(new ItemView.Action(a.id(), a.label(), null, a.input()));
                continue;
            }
            for (AssignmentEntity x : assignments) {
                boolean mine = a.assignmentField() != null || x.isActive() && x.getUnitId() == caller.unitId();
                if (mine && a.onAssignment().contains(x.getState())) {
                    result.add(new ItemView.Action(a.id(), a.label(), x.getId(), a.input()));
                    if (a.assignmentField() == null) {
                        break;
                    }
                }
            }
        }
        return result;
    }

    static ItemView.Clock clock(LineDefinition def, ClockEntity c, Instant now) {
        ClockDef cd = def == null ? null : def.clock(c.getName());
        boolean running = ClockRow.RUNNING.equals(c.getStatus());
        Long remaining = running ? Duration.between(now, Instant.ofEpochMilli(c.getDeadline())).toMinutes() : null;
        boolean overdue = running ? now.toEpochMilli() > c.getDeadline()
                : c.getStoppedAt() != null && c.getStoppedAt() > c.getDeadline();
        return new ItemView.Clock(c.getName(), cd == null ? Label.of(c.getName(), c.getName()) : cd.label(),
                c.getAssignmentId() == 0 ? null : c.getAssignmentId(), c.getStatus(), time(c.getStartedAt()),
                time(c.getDeadline()), remaining, overdue, time(c.getPendingDeadline()), time(c.getStoppedAt()));
    }

    static ItemView.Card card(CardEntity k) {
        return new ItemView.Card(k.getColour(), k.getClockName(), k.getAssignmentId() == 0 ? null : k.getAssignmentId(),
                k.getUnitId() == 0 ? null : k.getUnitId(), time(k.getRaisedAt()));
    }

    static ItemView.Attachment attachment(AttachmentEntity a) {
        return new ItemView.Attachment(a.getId(), a.getFileName(), a.getContentType(), a.getByteSize(), a.getSha256(),
                time(a.getUploadedAt()), a.getUploadedBy(), a.getAuditId());
    }

    /** List rows for a page of items, with their holders and most severe card in two queries. */
    List<ItemSummary> summaries(EntityManager em, List<WorkItemEntity> items, Caller caller) {
        if (items.isEmpty()) {
            return List.of();
        }
        Collection<Long> ids = items.stream().map(WorkItemEntity::getId).toList();
        Map<Long, List<AssignmentEntity>> holders = new HashMap<>();
        for (AssignmentEntity a : em.createQuery("SELECT a FROM AssignmentEntity a WHERE a.itemId IN :ids ORDER BY a.id",
                AssignmentEntity.class).setParameter("ids", ids).getResultList()) {
            holders.computeIfAbsent(a.getItemId(), k -> new ArrayList<>()).add(a);
        }
        Map<Long, String> cards = new HashMap<>();
        for (Object[] row : em.createQuery("SELECT k.itemId, k.colour FROM CardEntity k WHERE k.itemId IN :ids",
                Object[].class).setParameter("ids", ids).getResultList()) {
            cards.merge((Long) row[0], (String) row[1], (x, y) -> "RED".equals(x) || "RED".equals(y) ? "RED" : "YELLOW");
        }
        Instant now = clock.now();
        List<ItemSummary> rows = new ArrayList<>();
        for (WorkItemEntity i : items) {
            LineDefinition def = lines.find(i.getLine());
            List<ItemSummary.Holder> hs = holders.getOrDefault(i.getId(), List.of()).stream()
                    .map(a -> new ItemSummary.Holder(a.getId(), a.getUnitId(), a.getUnitName(), a.getRole(), a.getState(),
                            label(def == null ? null : def.assignmentState(a.getState()), a.getState()), a.isActive()))
                    .toList();
            Long remaining = i.getNextDeadline() == null || i.getClosedAt() != null ? null
                    : Duration.between(now, Instant.ofEpochMilli(i.getNextDeadline())).toMinutes();
            rows.add(new ItemSummary(i.getId(), i.getItemNumber(), i.getLine(), i.getTitle(), i.getRegionCode(),
                    i.getState(), label(def == null ? null : def.state(i.getState()), i.getState()),
                    time(i.getCreatedAt()), time(i.getUpdatedAt()), time(i.getClosedAt()),
                    i.getClosedAt() != null ? null : time(i.getNextDeadline()), remaining, cards.get(i.getId()), hs,
                    masked(caller, i.getLine(), WorkflowServiceImpl.fromJson(i.getFields()))));
        }
        return rows;
    }
}
