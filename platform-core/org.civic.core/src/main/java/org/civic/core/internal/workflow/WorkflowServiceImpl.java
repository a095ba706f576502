package org.civic.core.internal.workflow;

import java.io.InputStream;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.LockModeType;

import org.civic.core.api.CivicException;
import org.civic.core.api.EventPublisher;
import org.civic.core.api.Page;
import org.civic.core.api.PlatformClock;
import org.civic.core.api.org.Caller;
import org.civic.core.api.org.RegionCodes;
import org.civic.core.api.spi.ClockListener;
import org.civic.core.api.spi.FieldMasking;
import org.civic.core.api.time.CalendarService;
import org.civic.core.api.time.Deadlines;
import org.civic.core.api.workflow.ActionDef;
import org.civic.core.api.workflow.ClockDef;
import org.civic.core.api.workflow.Effect;
import org.civic.core.api.workflow.FieldDef;
import org.civic.core.api.workflow.ItemQuery;
import org.civic.core.api.workflow.ItemSummary;
import org.civic.core.api.workflow.ItemView;
import org.civic.core.api.workflow.LineDefinition;
import org.civic.core.api.workflow.LineRegistry;
import org.civic.core.api.workflow.Statistic;
import org.civic.core.api.workflow.WorkflowService;
import org.civic.core.internal.CoreConfig;
import org.civic.core.internal.persistence.AssignmentEntity;
import org.civic.core.internal.persistence.AttachmentEntity;
import org.civic.core.internal.persistence.CardEntity;
import org.civic.core.internal.persistence.ClockEntity;
import org.civic.core.internal.persistence.CounterEntity;
import org.civic.core.internal.persistence.ItemAuditEntity;
import org.civic.core.internal.persistence.RegionEntity;
import org.civic.core.internal.persistence.Tx;
import org.civic.core.internal.persistence.WorkItemEntity;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The workflow kernel (docs/kernel.md). An action runs in one transaction: load, check visibility
 * (NOT_FOUND), role (FORBIDDEN), version (CONFLICT), scope (OUT_OF_SCOPE), state (INVALID_STATE) and
 * input (MISSING_FIELD, INVALID_VALUE); apply the state changes and effects; append the audit entry;
 * force a version increment so that a concurrent action on the same item fails with CONFLICT. The
 * event {@code {line}.{action}} is published after the commit.
 */
@Component(service = {WorkflowService.class, LineRegistry.class, ClockListener.class}, configurationPid = CoreConfig.PID)
public class WorkflowServiceImpl implements WorkflowService, LineRegistry, ClockListener {

    private static final Logger LOG = LoggerFactory.getLogger(WorkflowServiceImpl.class);
    static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");

    private final Tx tx;
    private final PlatformClock clock;
    private final CalendarService calendars;
    private final EventPublisher events;
    private final Lines lines = new Lines();
    private final Visibility visibility = new Visibility(lines);
    private final ItemViews views;
    private final ItemQueries queries;
    private final AttachmentStore attachments;
    private final Object numbering = new Object();
    /** Reserved, not yet used numbers per counter key: {next, last}. Guarded by {@link #numbering}. */
    private final Map<String, long[]> numberBlocks = new HashMap<>();
    static final int NUMBER_BLOCK = 20;
    private final Object scanning = new Object();
    private ScheduledExecutorService scanner;

    /** Lines' privacy rules for reads (whiteboard), e.g. masked phones for leaders. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    public void addFieldMasking(FieldMasking masking) {
        views.addMasking(masking);
    }

    public void removeFieldMasking(FieldMasking masking) {
        views.removeMasking(masking);
    }

    @Activate
    public WorkflowServiceImpl(@Reference(target = "(osgi.unit.name=civic)") EntityManagerFactory emf,
            @Reference PlatformClock clock, @Reference CalendarService calendars, @Reference EventPublisher events,
            CoreConfig config) {
        this.tx = new Tx(emf);
        this.clock = clock;
        this.calendars = calendars;
        this.events = events;
        this.views = new ItemViews(lines, visibility, clock);
        this.queries = new ItemQueries(lines, visibility, views, clock);
        this.attachments = new AttachmentStore(config);
        int every = Math.max(1, config.cards_scanIntervalSeconds());
        scanner = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "civic-card-scanner");
            t.setDaemon(true);
            return t;
        });
        scanner.scheduleWithFixedDelay(this::scanQuietly, every, every, TimeUnit.SECONDS);
    }

    @Deactivate
    void deactivate() {
        scanner.shutdownNow();
    }

    // ---------------------------------------------------------------- lines

    @Override
    public AutoCloseable register(LineDefinition definition) {
        AutoCloseable registration = lines.register(definition);
        LOG.info("Line {} registered: {} states, {} actions, {} clocks, {} worklists", definition.line(),
                definition.states().size(), definition.actions().size(), definition.clocks().size(),
                definition.worklists().size());
        return () -> {
            registration.close();
            LOG.info("Line {} unregistered; its items stay in the database", definition.line());
        };
    }

    @Override
    public List<LineDefinition> lines() {
        return lines.all().stream().sorted((a, b) -> a.line().compareTo(b.line())).toList();
    }

    @Override
    public LineDefinition line(String line) {
        return lines.get(line);
    }

    // ---------------------------------------------------------------- create

    @Override
    public ItemView create(Caller caller, String lineId, Map<String, Object> raw, String channel) {
        LineDefinition line = lines.get(lineId);
        if (line.createRoles().stream().noneMatch(caller::hasRole)) {
            throw CivicException.forbidden("Your role may not create items of " + lineId);
        }
        Instant now = clock.now();
        Map<String, Object> input = Inputs.check(line.createFields(), raw, now);
        String regionCode = caller.regionCode();
        Object askedRegion = raw == null ? null : raw.get("regionCode");
        if (askedRegion != null && !String.valueOf(askedRegion).isBlank()) {
            regionCode = String.valueOf(askedRegion).trim();
            if (!caller.isGlobalAdmin() && !RegionCodes.isWithin(regionCode, caller.regionCode())) {
                throw CivicException.invalidValue("regionCode", "The region lies outside yours");
            }
        }
        String region = regionCode;
        String number = nextNumber(line, region, now);
        Done done = tx.run(em -> {
            if (regionEntity(em, region) == null) {
                throw CivicException.invalidValue("regionCode", "No region " + region);
            }
            WorkItemEntity item = new WorkItemEntity();
            item.setItemNumber(number);
            item.setLine(line.line());
            // A line whose create form leaves the title optional names the item in a create effect (the clue
            // line: the respondent); until then it is called by its number.
            Object title = input.get(LineDefinition.TITLE);
            item.setTitle(title == null ? number : (String) title);
            item.setRegionCode(region);
            item.setState(line.initialState());
            item.setCreatedAt(now.toEpochMilli());
            item.setCreatedBy(caller.loginName());
            item.setCreatedById(caller.userId());
            item.setCreatedUnitId(caller.unitId());
            item.setUpdatedAt(now.toEpochMilli());
            item.setUpdatedBy(caller.loginName());
            Map<String, Object> fields = new LinkedHashMap<>();
            input.forEach((k, v) -> fields.put(k, Inputs.stored(v)));
            item.setFields(toJson(fields));
            em.persist(item);
            em.flush();
            ActionRun run = new ActionRun(em, item, line, null, caller, now, deadlines(region), input, fields,
                    visibility);
            run.sequences = name -> nextValue(line.line() + "|seq|" + name);
            for (Effect e : line.createEffects()) {
                e.apply(run);
            }
            return finish(em, run, "create", null, channel);
        });
        publish(done);
        return done.view;
    }

    private static RegionEntity regionEntity(EntityManager em, String code) {
        return org.civic.core.internal.org.OrganizationServiceImpl.findRegion(em, code);
    }

    /**
     * Numbers are reserved from the database in blocks of {@link #NUMBER_BLOCK} in their own short
     * transaction and handed out from memory, so a create does not commit twice nor queue on the
     * counter. Several nodes reserve disjoint blocks; a restart leaves a gap (allowed: numbers are
     * unique, not gap-free).
     */
    private String nextNumber(LineDefinition line, String region, Instant now) {
        String day = DAY.format(now.atZone(PlatformClock.ZONE));
        boolean compact = line.numberStyle() == LineDefinition.NumberStyle.DAY_COMPACT;
        String key = line.line() + "|" + (compact ? "*" : region) + "|" + day;
        long seq;
        synchronized (numbering) {
            long[] block = numberBlocks.get(key);
            if (block == null || block[0] > block[1]) {
                long last = tx.run(em -> {
                    CounterEntity c = em.find(CounterEntity.class, key);
                    if (c == null) {
                        c = new CounterEntity();
                        c.setCounterKey(key);
                        c.setLastValue(NUMBER_BLOCK);
                        em.persist(c);
                    } else {
                        c.setLastValue(c.getLastValue() + NUMBER_BLOCK);
                    }
                    return c.getLastValue();
                });
                block = new long[] {last - NUMBER_BLOCK + 1, last};
                if (numberBlocks.size() > 1000) {
                    numberBlocks.clear(); // yesterday's keys; an unused rest of a block is a gap
                }
                numberBlocks.put(key, block);
            }
            seq = block[0]++;
        }
        if (compact) {
            return line.numberPrefix() + day + String.format("%06d", seq);
        }
        return line.numberPrefix() + "-" + region + "-" + day + "-" + String.format("%04d", seq);
    }

    /**
     * The next value of a line's named counter ({@code ActionContext.nextInSequence}), in its own short
     * transaction, one at a time in this JVM: a refused action leaves a gap, never a duplicate.
     */
    private long nextValue(String key) {
        synchronized (numbering) {
            return tx.run(em -> {
                CounterEntity c = em.find(CounterEntity.class, key);
                if (c == null) {
                    c = new CounterEntity();
                    c.setCounterKey(key);
                    c.setLastValue(1);
                    em.persist(c);
                } else {
                    c.setLastValue(c.getLastValue() + 1);
                }
                return c.getLastValue();
            });
        }
    }

    // ---------------------------------------------------------------- read

    @Override
    public ItemView get(Caller caller, long itemId) {
        return tx.read(em -> views.view(em, caller, visible(em, caller, itemId)));
    }

    private WorkItemEntity visible(EntityManager em, Caller caller, long itemId) {
        WorkItemEntity item = em.find(WorkItemEntity.class, itemId);
        if (item == null || !visibility.canSee(em, caller, item)) {
            throw CivicException.notFound("No item " + itemId);
        }
        return item;
    }

    // ---------------------------------------------------------------- act

    @Override
    public ItemView act(Caller caller, long itemId, String actionId, Map<String, Object> raw, Long expectedVersion,
            String channel) {
        Done done = tx.run(em -> actIn(em, caller, itemId, actionId, raw, expectedVersion, channel));
        publish(done);
        return done.view;
    }

    /**
     * Several actions in one transaction, locked in item-id order so that two such calls cannot deadlock:
     * all of them or none (a merge of clues). Events are published after the commit, in step order.
     */
    @Override
    public List<ItemView> actTogether(Caller caller, List<Step> steps, String channel) {
        if (steps.isEmpty()) {
            return List.of();
        }
        List<Step> ordered = new ArrayList<>(steps);
        ordered.sort(java.util.Comparator.comparingLong(Step::itemId));
        List<Done> done = tx.run(em -> {
            List<Done> all = new ArrayList<>();
            for (Step st : ordered) {
                all.add(actIn(em, caller, st.itemId(), st.action(), st.input(), null, channel));
            }
            return all;
        });
        Map<Long, ItemView> byId = new HashMap<>();
        for (Done d : done) {
            publish(d);
            byId.put(d.itemId, d.view);
        }
        return steps.stream().map(st -> byId.get(st.itemId())).toList();
    }

    @Override
    public long nextInSequence(String line, String name) {
        lines.get(line);
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("A sequence needs a name");
        }
        return nextValue(line + "|seq|" + name);
    }

    @Override
    public void setMark(String line, String key, long value) {
        String k = line + "|mark|" + key;
        tx.run(em -> {
            CounterEntity c = em.find(CounterEntity.class, k);
            if (c == null) {
                c = new CounterEntity();
                c.setCounterKey(k);
                em.persist(c);
            }
            c.setLastValue(value);
            return null;
        });
    }

    @Override
    public Map<String, Long> marks(String line, String keyPrefix) {
        String prefix = line + "|mark|";
        return tx.read(em -> {
            Map<String, Long> out = new LinkedHashMap<>();
            for (CounterEntity c : em.createQuery("SELECT c FROM CounterEntity c WHERE c.counterKey LIKE :p",
                    CounterEntity.class).setParameter("p", prefix + keyPrefix + "%").getResultList()) {
                out.put(c.getCounterKey().substring(prefix.length()), c.getLastValue());
            }
            return out;
        });
    }

    private Done actIn(EntityManager em, Caller caller, long itemId, String actionId, Map<String, Object> raw,
            Long expectedVersion, String channel) {
        return actIn(em, caller, itemId, actionId, raw, expectedVersion, channel, null);
    }

    /** {@code at}: the action's time when it is not now (a clock's deadline action); null: the platform clock's now. */
    private Done actIn(EntityManager em, Caller caller, long itemId, String actionId, Map<String, Object> raw,
            Long expectedVersion, String channel, Instant at) {
        {
            WorkItemEntity item = visible(em, caller, itemId);
            LineDefinition line = lines.find(item.getLine());
            if (line == null) {
                throw new CivicException(409, "LINE_NOT_INSTALLED",
                        "The plugin of line " + item.getLine() + " is not installed; its items can be read only");
            }
            ActionDef action = line.action(actionId);
            if (action == null) {
                throw CivicException.notFound("Line " + line.line() + " has no action " + actionId);
            }
            if (action.rolesFor(item.getState()).stream().noneMatch(caller::hasRole)) {
                throw CivicException.forbidden("Your role may not take the action " + actionId);
            }
            if (expectedVersion != null && expectedVersion != item.getVersion()) {
                throw CivicException.conflict("The item was changed by someone else (version " + item.getVersion()
                        + "); reload and try again");
            }
            long loadedVersion = item.getVersion();
            // The lock point, taken first: bumping the item's version holds its row until commit, so of two
            // concurrent actions on one item the second waits here and then fails (CONFLICT) or sees the
            // first one's result; no action reads another's uncommitted rows while holding its own.
            em.lock(item, LockModeType.OPTIMISTIC_FORCE_INCREMENT);
            em.flush();
            try {
                Instant now = at != null ? at : clock.now();
                Map<String, Object> fields = fromJson(item.getFields());
                ActionRun run = new ActionRun(em, item, line, action, caller, now, deadlines(item.getRegionCode()),
                        new LinkedHashMap<>(), fields, visibility);
                run.sequences = name -> nextValue(line.line() + "|seq|" + name);
                Guards.check(run, raw);
                run.input.putAll(Inputs.check(action.input(), raw, now));
                Guards.checkAttachments(em, run);
                String from = item.getState();
                if (action.to() != null) {
                    run.moveItemTo(action.to());
                }
                if (run.acting != null && action.toAssignment() != null) {
                    run.acting.moveTo(action.toAssignment());
                }
                for (Effect e : action.effects()) {
                    e.apply(run);
                }
                if (action.handler() != null) {
                    action.handler().apply(run);
                }
                return finish(em, run, actionId, from, channel);
            } catch (CivicException refusal) {
                throw staleOr(item, loadedVersion, refusal);
            }
        }
    }

    /**
     * A refusal decided on rows another action committed after this one loaded the item (its assignments,
     * clocks) may name the wrong cause ("unit already holds this item"): when the item's version moved on
     * meanwhile, the answer is CONFLICT, as for any lost race. Read in a fresh EntityManager (this one would
     * answer from its own dirty instance); not needed once this action flushed the item, which holds its row.
     */
    private CivicException staleOr(WorkItemEntity item, long loadedVersion, CivicException refusal) {
        if (item.getVersion() != loadedVersion) {
            return refusal;
        }
        List<Long> current = tx.read(fresh -> fresh.createQuery("SELECT i.version FROM WorkItemEntity i WHERE i.id = :id",
                Long.class).setParameter("id", item.getId()).getResultList());
        if (!current.isEmpty() && current.get(0) != loadedVersion) {
            return CivicException.conflict("The item was changed by someone else meanwhile; reload and try again");
        }
        return refusal;
    }

    /** Writes what every create and action writes: fields, closing time, audit entry, version. */
    private Done finish(EntityManager em, ActionRun run, String actionId, String from, String channel) {
        WorkItemEntity item = run.item;
        item.setFields(toJson(run.fields));
        item.setUpdatedAt(run.now.toEpochMilli());
        item.setUpdatedBy(run.caller.loginName());
        boolean terminal = run.line.state(item.getState()).terminal();
        if (terminal && item.getClosedAt() == null) {
            item.setClosedAt(run.now.toEpochMilli());
            for (ClockRow c : run.clocks) {
                if (!ClockRow.STOPPED.equals(c.e.getStatus())) {
                    c.stop();
                }
            }
        } else if (!terminal) {
            item.setClosedAt(null);
        }
        item.setNextDeadline(run.nearestDeadline());
        ItemAuditEntity a = new ItemAuditEntity();
        a.setItemId(item.getId());
        a.setAssignmentId(run.acting == null ? null : run.acting.id());
        a.setAt(run.now.toEpochMilli());
        a.setActor(run.caller.loginName());
        a.setActorName(run.caller.displayName());
        a.setUnitId(run.caller.unitId());
        a.setUnitName(run.caller.unitName());
        a.setChannel(run.channel != null ? run.channel : channel == null ? "REST" : channel);
        a.setAction(actionId);
        a.setFromState(from);
        a.setToState(item.getState());
        Object opinion = run.input.get("opinion");
        a.setOpinion(opinion == null ? null : opinion.toString());
        Map<String, Object> stored = new LinkedHashMap<>();
        run.input.forEach((k, v) -> stored.put(k, Inputs.stored(v)));
        a.setInput(toJson(stored));
        Map<String, Object> details = new LinkedHashMap<>(run.notes);
        if (!run.clockEvents.isEmpty()) {
            details.put("clocks", run.clockEvents);
        }
        if (!run.created.isEmpty()) {
            details.put("assigned", run.created.stream().map(x -> Map.of("assignmentId", x.id(), "unitId", x.unitId(),
                    "unit", x.unitName(), "state", x.state())).toList());
        }
        if (run.acting != null) {
            details.put("assignment", Map.of("assignmentId", run.acting.id(), "unitId", run.acting.unitId(),
                    "unit", run.acting.unitName(), "state", run.acting.state()));
        }
        a.setDetails(details.isEmpty() ? null : toJson(details));
        em.persist(a);
        em.flush();
        for (Object id : attachmentIds(run)) {
            AttachmentEntity att = em.find(AttachmentEntity.class, ((Number) id).longValue());
            att.setAuditId(a.getId());
        }
        // Flushed, so the answer (built here, in the same transaction, instead of reading everything
        // again after the commit) carries the new version and every row this action wrote.
        em.flush();
        ItemView view = views.view(em, run.caller, item, run.assignments.stream().map(r -> r.e).toList(),
                run.clocks.stream().map(c -> c.e).toList());
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("itemId", item.getId());
        payload.put("number", item.getItemNumber());
        payload.put("line", run.line.line());
        payload.put("regionCode", item.getRegionCode());
        payload.put("action", actionId);
        payload.put("fromState", from);
        payload.put("toState", item.getState());
        payload.put("actor", run.caller.loginName());
        payload.put("at", ItemViews.time(run.now.toEpochMilli()).toString());
        if (run.acting != null) {
            payload.put("unitId", run.acting.unitId());
        }
        List<Event> events = new ArrayList<>();
        events.add(new Event(run.line.line() + "." + actionId, payload));
        run.alsoPublish.forEach(name -> events.add(new Event(run.line.line() + "." + name, payload)));
        return new Done(item.getId(), List.copyOf(events), view);
    }

    private static List<?> attachmentIds(ActionRun run) {
        List<Object> ids = new ArrayList<>();
        for (FieldDef f : run.action == null ? run.line.createFields() : run.action.input()) {
            if (f.type() == FieldDef.FieldType.ATTACHMENTS && run.input.get(f.id()) instanceof List<?> l) {
                ids.addAll(l);
            }
        }
        return ids;
    }

    private Deadlines deadlines(String regionCode) {
        return new Deadlines(calendars.calendarFor(regionCode));
    }

    // ---------------------------------------------------------------- views

    @Override
    public Page<ItemSummary> query(Caller caller, String line, ItemQuery query) {
        lines.get(line);
        return tx.read(em -> queries.query(em, caller, line, null, query));
    }

    @Override
    public Page<ItemSummary> worklist(Caller caller, String line, String worklist, ItemQuery query) {
        LineDefinition d = lines.get(line);
        return tx.read(em -> queries.query(em, caller, line, queries.worklist(d, caller, worklist), query));
    }

    @Override
    public Map<String, Long> worklistCounts(Caller caller, String line) {
        LineDefinition d = lines.get(line);
        return tx.read(em -> queries.counts(em, caller, d));
    }

    @Override
    public Statistic statistic(Caller caller, String line, String name, ItemQuery filter) {
        LineDefinition d = lines.get(line);
        return tx.read(em -> queries.statistic(em, caller, d, name, filter));
    }

    // ---------------------------------------------------------------- cards

    @Override
    public void clockMoved(Instant now) {
        raiseDueCards();
    }

    private void scanQuietly() {
        try {
            raiseDueCards();
        } catch (RuntimeException e) {
            LOG.warn("Card scan failed; it runs again at the next interval", e);
        }
    }

    /**
     * Raises every card whose threshold lies at or before now, each in its own transaction. A card
     * is unique per clock and colour and its raisedAt is the threshold, never the scan time, so a
     * restart or a second scanner cannot raise it twice or at another instant.
     */
    @Override
    public int raiseDueCards() {
        synchronized (scanning) {
            long now = clock.now().toEpochMilli();
            int raised = 0;
            while (true) {
                // Only installed lines: the clocks of an uninstalled line wait, keeping their thresholds.
                List<String> installed = lines.all().stream().map(LineDefinition::line).toList();
                if (installed.isEmpty()) {
                    return raised;
                }
                List<Long> due = tx.read(em -> em.createQuery("SELECT c.id FROM ClockEntity c WHERE"
                        + " c.nextCardAt IS NOT NULL AND c.nextCardAt <= :now AND c.line IN :lines"
                        + " ORDER BY c.nextCardAt", Long.class)
                        .setParameter("now", now).setParameter("lines", installed).setMaxResults(200).getResultList());
                if (due.isEmpty()) {
                    return raised;
                }
                for (Long id : due) {
                    Done done;
                    try {
                        done = tx.run(em -> raise(em, id, now, true));
                    } catch (CivicException refused) {
                        if ("CONFLICT".equals(refused.code())) {
                            return raised; // a user acted on the item meanwhile: the next scan tries again
                        }
                        // The clock's deadline or card action does not apply to the item as it is now (its state
                        // moved on): nothing of it was written; the card is raised without it, and a deadline
                        // action is recorded as considered, so it is not tried again.
                        LOG.info("Clock action of clock {} not taken: {} {}", id, refused.code(), refused.getMessage());
                        done = tx.run(em -> raise(em, id, now, false));
                    }
                    if (done != null) {
                        raised++;
                        publish(done);
                    }
                }
            }
        }
    }

    /** Raises a clock's due card or takes its due deadline action; {@code actions} false: the line's action is not taken. */
    private Done raise(EntityManager em, long clockId, long now, boolean actions) {
        ClockEntity c = em.find(ClockEntity.class, clockId);
        if (c == null || c.getNextCardAt() == null || c.getNextCardAt() > now) {
            return null;
        }
        LineDefinition line = lines.find(c.getLine());
        if (line == null) {
            return null; // uninstalled since the query: the next query leaves it out
        }
        WorkItemEntity item = em.find(WorkItemEntity.class, c.getItemId());
        if (line.clock(c.getName()) == null || item == null) {
            c.setNextCardAt(null); // the line no longer declares this clock: it stands still
            return null;
        }
        long at = c.getNextCardAt();
        ClockDef def = line.clock(c.getName());
        Long cardAt = ClockRow.cardThreshold(c, def);
        if (cardAt == null || cardAt > at) {
            return actions ? deadlineAction(em, c, def, item, at) : deadlineActionSkipped(c, def);
        }
        String colour;
        if (c.getYellowAt() == null) {
            colour = "YELLOW";
            c.setYellowAt(at);
            c.setRedDue(ClockRow.redDue(c, def, deadlines(item.getRegionCode())));
        } else {
            colour = "RED";
            c.setRedAt(at);
        }
        c.setNextCardAt(ClockRow.nextCard(c, line.clock(c.getName())));
        CardEntity card = new CardEntity();
        card.setItemId(c.getItemId());
        card.setAssignmentId(c.getAssignmentId());
        card.setClockId(c.getId());
        card.setClockName(c.getName());
        card.setColour(colour);
        card.setRaisedAt(at);
        card.setUnitId(c.getUnitId());
        card.setLine(c.getLine());
        em.persist(card);
        String action = colour.toLowerCase() + "_card";
        ItemAuditEntity a = new ItemAuditEntity();
        a.setItemId(item.getId());
        a.setAssignmentId(c.getAssignmentId() == 0 ? null : c.getAssignmentId());
        a.setAt(at);
        a.setActor("system");
        a.setActorName("系统");
        a.setChannel("SYSTEM");
        a.setAction(action);
        a.setFromState(item.getState());
        a.setToState(item.getState());
        a.setDetails(toJson(Map.of("clock", c.getName(), "deadline", ItemViews.time(c.getDeadline()).toString(),
                "raisedAt", ItemViews.time(at).toString(), "unitId", c.getUnitId())));
        em.persist(a);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("itemId", item.getId());
        payload.put("number", item.getItemNumber());
        payload.put("line", c.getLine());
        payload.put("regionCode", item.getRegionCode());
        payload.put("clock", c.getName());
        payload.put("colour", colour);
        payload.put("unitId", c.getUnitId());
        payload.put("raisedAt", ItemViews.time(at).toString());
        List<Event> events = new ArrayList<>(List.of(new Event("card." + colour.toLowerCase(), payload),
                new Event(c.getLine() + "." + action, payload)));
        if (actions && def.cardAction() != null) {
            events.addAll(systemAction(em, c, def.cardAction(), item, at, Map.of(ClockDef.CARD_FIELD, colour)).events());
        }
        return new Done(item.getId(), List.copyOf(events));
    }

    /**
     * The clock's deadline passed while it ran: the line's declared deadline action is taken as the system, in
     * the transaction that records it as done, at the deadline's instant.
     */
    private Done deadlineAction(EntityManager em, ClockEntity c, ClockDef def, WorkItemEntity item, long at) {
        c.setOverdueAt(at);
        c.setNextCardAt(ClockRow.nextCard(c, def));
        return systemAction(em, c, def.deadlineAction(), item, at, Map.of());
    }

    /**
     * Takes a clock's declared action as the system at {@code at} (or the item's last change, when that is later,
     * so that the trail stays in order). A per-assignment clock names its unit in the action's unit field; of
     * {@code offered} only what the action declares as input is passed.
     */
    private Done systemAction(EntityManager em, ClockEntity c, String actionId, WorkItemEntity item, long at,
            Map<String, Object> offered) {
        ActionDef action = lines.get(c.getLine()).action(actionId);
        Map<String, Object> input = new HashMap<>();
        if (action.assignmentField() != null) {
            input.put(action.assignmentField(), c.getUnitId());
        }
        for (FieldDef f : action.input()) {
            if (offered.containsKey(f.id())) {
                input.put(f.id(), offered.get(f.id()));
            }
        }
        Instant when = Instant.ofEpochMilli(Math.max(at, item.getUpdatedAt()));
        return actIn(em, Caller.system(), item.getId(), action.id(), input, null, "SYSTEM", when);
    }

    /** Marks a clock's deadline action as considered when it was refused (see {@link #raiseDueCards}). */
    private Done deadlineActionSkipped(ClockEntity c, ClockDef def) {
        if (c.getOverdueAt() == null) {
            c.setOverdueAt(c.getDeadline());
            c.setNextCardAt(ClockRow.nextCard(c, def));
        }
        return null;
    }

    // ---------------------------------------------------------------- attachments

    @Override
    public ItemView.Attachment attach(Caller caller, long itemId, String fileName, String contentType, InputStream data) {
        tx.read(em -> {
            WorkItemEntity item = visible(em, caller, itemId);
            LineDefinition line = lines.find(item.getLine());
            if (line == null) {
                throw new CivicException(409, "LINE_NOT_INSTALLED",
                        "The plugin of line " + item.getLine() + " is not installed; its items can be read only");
            }
            // Seeing is not enough: an upload is staged for an action, so the caller must be able to act now.
            if (!caller.isGlobalAdmin() && !views.mayAct(line, caller, item, assignmentsOf(em, itemId))) {
                throw CivicException.outOfScope("You can read item " + itemId + " but take no action on it now");
            }
            return null;
        });
        AttachmentStore.Stored stored = attachments.store(fileName, contentType, data);
        Instant now = clock.now();
        return tx.run(em -> {
            AttachmentEntity a = new AttachmentEntity();
            a.setItemId(itemId);
            a.setFileName(stored.fileName());
            a.setContentType(stored.contentType());
            a.setByteSize(stored.size());
            a.setSha256(stored.sha256());
            a.setUploadedAt(now.toEpochMilli());
            a.setUploadedBy(caller.loginName());
            em.persist(a);
            em.flush();
            return ItemViews.attachment(a);
        });
    }

    @Override
    public AttachmentContent attachment(Caller caller, long itemId, long attachmentId) {
        return tx.read(em -> {
            visible(em, caller, itemId);
            AttachmentEntity a = em.find(AttachmentEntity.class, attachmentId);
            if (a == null || a.getItemId() != itemId) {
                throw CivicException.notFound("No attachment " + attachmentId + " on item " + itemId);
            }
            return new AttachmentContent(ItemViews.attachment(a), attachments.path(a.getSha256()));
        });
    }

    // ---------------------------------------------------------------- helpers

    private void publish(Done done) {
        for (Event e : done.events) {
            try {
                events.publish(e.topic, e.payload);
            } catch (RuntimeException ex) {
                LOG.warn("Event {} of item {} could not be published", e.topic, done.itemId, ex);
            }
        }
    }

    static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write JSON", e);
        }
    }

    static Map<String, Object> fromJson(String json) {
        if (json == null || json.isBlank()) {
            return new LinkedHashMap<>();
        }
        try {
            return JSON.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored JSON is unreadable", e);
        }
    }

    private record Event(String topic, Map<String, Object> payload) {
    }

    /** What a committed transaction leaves to do: publish its events; the answer for create and act. */
    private record Done(long itemId, List<Event> events, ItemView view) {
        Done(long itemId, List<Event> events) {
            this(itemId, events, null);
        }
    }

    /** Used by tests that run without OSGi. */
    void stopScanner() {
        scanner.shutdownNow();
    }

    static List<AssignmentEntity> assignmentsOf(EntityManager em, long itemId) {
        return em.createQuery("SELECT a FROM AssignmentEntity a WHERE a.itemId = :item ORDER BY a.id",
                AssignmentEntity.class).setParameter("item", itemId).getResultList();
    }
}
