package org.civic.core.internal.workflow;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import javax.persistence.EntityManager;
import javax.persistence.TypedQuery;

import org.civic.core.api.CivicException;
import org.civic.core.api.Page;
import org.civic.core.api.PlatformClock;
import org.civic.core.api.org.Caller;
import org.civic.core.api.org.RegionCodes;
import org.civic.core.api.workflow.ItemQuery;
import org.civic.core.api.workflow.ItemSummary;
import org.civic.core.api.workflow.Label;
import org.civic.core.api.workflow.LineDefinition;
import org.civic.core.api.workflow.Statistic;
import org.civic.core.api.workflow.WorklistDef;
import org.civic.core.internal.org.OrganizationServiceImpl;
import org.civic.core.internal.persistence.RegionEntity;
import org.civic.core.internal.persistence.WorkItemEntity;

/**
 * Queries, worklists and statistics. Every one starts from the caller's visibility condition, so a
 * list, count or statistic never includes an item the caller could not open.
 */
final class ItemQueries {

    private static final Map<String, String> SORTS = Map.of("createdAt", "i.createdAt ASC, i.id ASC", "-createdAt",
            "i.createdAt DESC, i.id DESC", "updatedAt", "i.updatedAt ASC, i.id ASC", "-updatedAt",
            "i.updatedAt DESC, i.id DESC", "deadline", "i.nextDeadline ASC, i.id ASC", "number", "i.itemNumber ASC",
            "-number", "i.itemNumber DESC");

    private final Lines lines;
    private final Visibility visibility;
    private final ItemViews views;
    private final PlatformClock clock;

    ItemQueries(Lines lines, Visibility visibility, ItemViews views, PlatformClock clock) {
        this.lines = lines;
        this.visibility = visibility;
        this.views = views;
        this.clock = clock;
    }

    /** A worklist the caller may open. */
    WorklistDef worklist(LineDefinition d, Caller caller, String name) {
        WorklistDef w = d.worklist(name);
        if (w == null) {
            throw CivicException.notFound("Line " + d.line() + " has no worklist " + name);
        }
        if (!mayOpen(w, d, caller)) {
            throw CivicException.forbidden("Your role may not open the worklist " + name);
        }
        return w;
    }

    private static boolean mayOpen(WorklistDef w, LineDefinition d, Caller caller) {
        Set<String> roles = w.roles().isEmpty() ? d.roles() : w.roles();
        return caller.isGlobalAdmin() || roles.stream().anyMatch(caller::hasRole);
    }

    Page<ItemSummary> query(EntityManager em, Caller caller, String line, WorklistDef list, ItemQuery q) {
        Map<String, Object> params = new HashMap<>();
        String where = where(caller, line, list, q, params);
        String sort = q.sort() != null ? q.sort() : list != null ? list.sort() : "-createdAt";
        String order = SORTS.get(sort);
        if (order == null) {
            throw CivicException.invalidValue("sort", "sort must be one of " + new java.util.TreeSet<>(SORTS.keySet()));
        }
        TypedQuery<WorkItemEntity> select = em.createQuery("SELECT i FROM WorkItemEntity i WHERE " + where
                + " ORDER BY " + order, WorkItemEntity.class);
        TypedQuery<Long> count = em.createQuery("SELECT COUNT(i) FROM WorkItemEntity i WHERE " + where, Long.class);
        params.forEach((k, v) -> {
            select.setParameter(k, v);
            count.setParameter(k, v);
        });
        if (!q.fields().isEmpty()) {
            return fieldFiltered(em, caller, line, where, order, params, q);
        }
        List<WorkItemEntity> items = select.setFirstResult(q.offset()).setMaxResults(q.limit()).getResultList();
        return new Page<>(views.summaries(em, items, caller), count.getSingleResult(), q.offset(), q.limit());
    }

    /**
     * A query with field filters (docs/decisions.md 38): the database narrows the candidates with LIKE on the
     * exact JSON form of each pair, then each candidate's stored fields are read and the top-level value
     * compared, so that a nested record using the same key (or a LIKE wildcard in a value) never lets a wrong
     * item through; the page is cut from the exact matches, and the total counts them.
     */
    private Page<ItemSummary> fieldFiltered(EntityManager em, Caller caller, String line, String where, String order,
            Map<String, Object> params, ItemQuery q) {
        TypedQuery<Object[]> candidates = em.createQuery("SELECT i.id, i.fields FROM WorkItemEntity i WHERE " + where
                + " ORDER BY " + order, Object[].class);
        params.forEach(candidates::setParameter);
        List<FieldFilters.Filter> filters = FieldFilters.resolve(lines.get(line), q.fields());
        List<Long> matching = new ArrayList<>();
        for (Object[] r : candidates.getResultList()) {
            if (FieldFilters.matches((String) r[1], filters)) {
                matching.add((Long) r[0]);
            }
        }
        List<Long> ids = matching.subList(Math.min(q.offset(), matching.size()),
                Math.min(q.offset() + q.limit(), matching.size()));
        List<WorkItemEntity> items = new ArrayList<>();
        if (!ids.isEmpty()) {
            Map<Long, WorkItemEntity> byId = new HashMap<>();
            for (WorkItemEntity e : em.createQuery("SELECT i FROM WorkItemEntity i WHERE i.id IN :ids", WorkItemEntity.class)
                    .setParameter("ids", List.copyOf(ids)).getResultList()) {
                byId.put(e.getId(), e);
            }
            ids.forEach(id -> items.add(byId.get(id)));
        }
        return new Page<>(views.summaries(em, items, caller), matching.size(), q.offset(), q.limit());
    }

    Map<String, Long> counts(EntityManager em, Caller caller, LineDefinition d) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (WorklistDef w : d.worklists()) {
            if (!mayOpen(w, d, caller)) {
                continue;
            }
            Map<String, Object> params = new HashMap<>();
            TypedQuery<Long> count = em.createQuery("SELECT COUNT(i) FROM WorkItemEntity i WHERE "
                    + where(caller, d.line(), w, ItemQuery.all(0, 1), params), Long.class);
            params.forEach(count::setParameter);
            counts.put(w.name(), count.getSingleResult());
        }
        return counts;
    }

    private String where(Caller caller, String line, WorklistDef list, ItemQuery q, Map<String, Object> params) {
        StringBuilder w = new StringBuilder("i.line = :line AND ").append(visibility.where(caller, line, params));
        params.put("line", line);
        if (list != null) {
            if (!list.itemStates().isEmpty()) {
                w.append(" AND i.state IN :lStates");
                params.put("lStates", List.copyOf(list.itemStates()));
            }
            if (list.audience() == WorklistDef.Audience.UNIT) {
                w.append(" AND EXISTS (SELECT la.id FROM AssignmentEntity la WHERE la.itemId = i.id AND la.unitId = :lUnit");
                params.put("lUnit", caller.unitId());
                if (list.assignmentStates().isEmpty()) {
                    w.append(" AND la.active = TRUE)");
                } else {
                    w.append(" AND la.state IN :laStates)");
                    params.put("laStates", List.copyOf(list.assignmentStates()));
                }
            } else {
                if (!caller.isGlobalAdmin()) {
                    w.append(" AND i.regionCode LIKE :lPrefix");
                    params.put("lPrefix", RegionCodes.subtreePrefix(caller.regionCode()) + "%");
                }
                if (!list.assignmentStates().isEmpty()) {
                    w.append(" AND EXISTS (SELECT lr.id FROM AssignmentEntity lr WHERE lr.itemId = i.id AND lr.active = TRUE"
                            + " AND lr.state IN :lrStates)");
                    params.put("lrStates", List.copyOf(list.assignmentStates()));
                }
                if (!list.excludedAssignmentStates().isEmpty()) {
                    w.append(" AND NOT EXISTS (SELECT lx.id FROM AssignmentEntity lx WHERE lx.itemId = i.id"
                            + " AND lx.active = TRUE AND lx.state IN :lxStates)");
                    params.put("lxStates", List.copyOf(list.excludedAssignmentStates()));
                }
            }
        }
        if (q.state() != null) {
            w.append(" AND i.state = :state");
            params.put("state", q.state());
        }
        if (q.assignmentState() != null) {
            w.append(" AND EXISTS (SELECT qa.id FROM AssignmentEntity qa WHERE qa.itemId = i.id AND qa.state = :aState)");
            params.put("aState", q.assignmentState());
        }
        if (q.regionCode() != null) {
            if (RegionCodes.levelOf(q.regionCode()) == null) {
                throw CivicException.invalidValue("regionCode", "Not a region code: " + q.regionCode());
            }
            w.append(" AND i.regionCode LIKE :qPrefix");
            params.put("qPrefix", RegionCodes.subtreePrefix(q.regionCode()) + "%");
        }
        if (q.unitId() != null) {
            w.append(" AND EXISTS (SELECT ua.id FROM AssignmentEntity ua WHERE ua.itemId = i.id AND ua.unitId = :qUnit"
                    + " AND ua.active = TRUE)");
            params.put("qUnit", q.unitId());
        }
        if (q.createdFrom() != null) {
            w.append(" AND i.createdAt >= :from");
            params.put("from", q.createdFrom().toInstant().toEpochMilli());
        }
        if (q.createdTo() != null) {
            w.append(" AND i.createdAt < :to");
            params.put("to", q.createdTo().toInstant().toEpochMilli());
        }
        if (q.card() != null) {
            if (!"YELLOW".equals(q.card()) && !"RED".equals(q.card())) {
                throw CivicException.invalidValue("card", "card must be YELLOW or RED");
            }
            w.append(" AND EXISTS (SELECT k.id FROM CardEntity k WHERE k.itemId = i.id AND k.colour = :card)");
            params.put("card", q.card());
        }
        if (!q.fields().isEmpty()) {
            FieldFilters.where(lines.get(line), q.fields(), w, params);
        }
        if (q.text() != null && !q.text().isBlank()) {
            w.append(" AND (LOWER(i.title) LIKE :text OR LOWER(i.itemNumber) LIKE :text)");
            params.put("text", "%" + q.text().trim().toLowerCase().replace("%", "").replace("_", "") + "%");
        }
        return w.toString();
    }

    // ---------------------------------------------------------------- statistics

    Statistic statistic(EntityManager em, Caller caller, LineDefinition d, String name, ItemQuery filter) {
        if (!Statistic.NAMES.contains(name)) {
            throw CivicException.notFound("No statistic " + name + "; there are " + Statistic.NAMES);
        }
        Map<String, Object> params = new HashMap<>();
        String where = where(caller, d.line(), null, filter, params);
        // The fields document is read only when a field filter needs it (it is the row's large column).
        TypedQuery<Object[]> rows = em.createQuery("SELECT i.id, i.state, i.regionCode, i.createdAt, i.closedAt"
                + (filter.fields().isEmpty() ? "" : ", i.fields") + " FROM WorkItemEntity i WHERE " + where, Object[].class);
        params.forEach(rows::setParameter);
        List<Object[]> items = rows.getResultList();
        if (!filter.fields().isEmpty()) {
            List<FieldFilters.Filter> filters = FieldFilters.resolve(d, filter.fields());
            items = items.stream().filter(r -> FieldFilters.matches((String) r[5], filters)).toList();
        }
        Set<Long> carded = new HashSet<>(em.createQuery("SELECT DISTINCT k.itemId FROM CardEntity k WHERE k.line = :line"
                + " AND k.colour = 'YELLOW'", Long.class).setParameter("line", d.line()).getResultList());
        Map<Long, List<String[]>> units = new HashMap<>();
        if ("by-unit".equals(name)) {
            TypedQuery<Object[]> q = em.createQuery("SELECT a.itemId, a.unitId, a.unitName FROM AssignmentEntity a,"
                    + " WorkItemEntity i WHERE a.itemId = i.id AND " + where, Object[].class);
            params.forEach(q::setParameter);
            for (Object[] r : q.getResultList()) {
                List<String[]> l = units.computeIfAbsent((Long) r[0], k -> new ArrayList<>());
                String[] u = {String.valueOf(r[1]), (String) r[2]};
                if (l.stream().noneMatch(x -> x[0].equals(u[0]))) {
                    l.add(u);
                }
            }
        }
        String root = filter.regionCode() != null ? filter.regionCode() : caller.isGlobalAdmin() ? null : caller.regionCode();
        Map<String, Acc> groups = new TreeMap<>();
        Map<String, String> labels = new HashMap<>();
        Acc total = new Acc();
        for (Object[] r : items) {
            long id = (Long) r[0];
            String state = (String) r[1];
            String region = (String) r[2];
            long created = (Long) r[3];
            Long closed = (Long) r[4];
            boolean card = carded.contains(id);
            total.add(closed, created, card);
            switch (name) {
                case "by-state" -> {
                    groups.computeIfAbsent(state, k -> new Acc()).add(closed, created, card);
                    labels.put(state, ItemViews.label(d.state(state), state).zh());
                }
                case "by-region" -> {
                    String key = childOf(root, region);
                    groups.computeIfAbsent(key, k -> new Acc()).add(closed, created, card);
                    labels.computeIfAbsent(key, k -> regionName(em, k));
                }
                case "by-unit" -> {
                    for (String[] u : units.getOrDefault(id, List.of())) {
                        groups.computeIfAbsent(u[0], k -> new Acc()).add(closed, created, card);
                        labels.put(u[0], u[1]);
                    }
                }
                case "by-day", "by-month" -> {
                    LocalDate day = ItemViews.time(created).toLocalDate();
                    String key = "by-day".equals(name) ? day.toString() : day.toString().substring(0, 7);
                    groups.computeIfAbsent(key, k -> new Acc()).add(closed, created, card);
                    labels.put(key, key);
                }
                default -> throw new IllegalStateException(name);
            }
        }
        List<Statistic.Row> out = new ArrayList<>();
        groups.forEach((k, acc) -> out.add(acc.row(k, labels.get(k))));
        Label label = switch (name) {
            case "by-state" -> Label.of("按状态统计", "By state");
            case "by-region" -> Label.of("按区域统计", "By region");
            case "by-unit" -> Label.of("按单位统计", "By unit");
            case "by-day" -> Label.of("按日统计", "By day");
            default -> Label.of("按月统计", "By month");
        };
        return new Statistic(d.line(), name, label, out, total.row("total", "合计"));
    }

    /** The region directly below {@code root} that contains {@code code} (or code itself at the root). */
    private static String childOf(String root, String code) {
        if (root == null) {
            String c = code;
            while (RegionCodes.parentOf(c) != null) {
                c = RegionCodes.parentOf(c);
            }
            return c;
        }
        String c = code;
        while (c != null && !c.equals(root) && !root.equals(RegionCodes.parentOf(c))) {
            c = RegionCodes.parentOf(c);
        }
        return c == null ? code : c;
    }

    private static String regionName(EntityManager em, String code) {
        RegionEntity r = OrganizationServiceImpl.findRegion(em, code);
        return r == null ? code : r.getName();
    }

    /** Counts of one group. */
    private static final class Acc {
        long total;
        long closed;
        long onTime;
        long overdue;
        long handlingMillis;

        void add(Long closedAt, long createdAt, boolean card) {
            total++;
            if (card) {
                overdue++;
            }
            if (closedAt != null) {
                closed++;
                handlingMillis += closedAt - createdAt;
                if (!card) {
                    onTime++;
                }
            }
        }

        Statistic.Row row(String key, String label) {
            Double onTimeRate = closed == 0 ? null : round((double) onTime / closed);
            Double overdueRate = total == 0 ? null : round((double) overdue / total);
            Double hours = closed == 0 ? null : round(handlingMillis / 3_600_000.0 / closed);
            return new Statistic.Row(key, label, total, total - closed, closed, onTime, overdue, onTimeRate, overdueRate,
                    hours);
        }

        private static double round(double v) {
            return Math.round(v * 10000) / 10000.0;
        }
    }
}
