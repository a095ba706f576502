package org.civic.core.internal.calendar;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;

import org.civic.core.api.CivicException;
import org.civic.core.api.EventPublisher;
import org.civic.core.api.PlatformClock;
import org.civic.core.api.org.Caller;
import org.civic.core.api.org.OrganizationService;
import org.civic.core.api.time.CalendarNotInitialisedException;
import org.civic.core.api.time.CalendarService;
import org.civic.core.api.time.DayType;
import org.civic.core.api.time.OfficeHours;
import org.civic.core.api.time.SimpleCalendar;
import org.civic.core.api.time.WorkingCalendar;
import org.civic.core.internal.org.RegionRules;
import org.civic.core.internal.persistence.AuditLog;
import org.civic.core.internal.persistence.CalendarDayEntity;
import org.civic.core.internal.persistence.CalendarMonthEntity;
import org.civic.core.internal.persistence.SettingEntity;
import org.civic.core.internal.persistence.Tx;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Working calendars stored per region ("*" = global): initialised months, the days that differ from
 * the weekday default, and office hours (setting {@code calendar.officeHours:<region>}). Changes
 * affect deadlines computed afterwards only; stored deadlines are never recomputed.
 */
@Component(service = CalendarService.class)
public class CalendarServiceImpl implements CalendarService {

    public static final String GLOBAL = "*";
    public static final String OFFICE_HOURS_KEY = "calendar.officeHours:";

    private final Tx tx;
    private final PlatformClock clock;
    private final EventPublisher events;
    private final OrganizationService organization;

    @Activate
    public CalendarServiceImpl(@Reference(target = "(osgi.unit.name=civic)") EntityManagerFactory emf,
            @Reference PlatformClock clock, @Reference EventPublisher events, @Reference OrganizationService organization) {
        this.tx = new Tx(emf);
        this.clock = clock;
        this.events = events;
        this.organization = organization;
    }

    /**
     * Calendars by region, read once and kept for {@link #CACHE_NANOS}: every deadline computation asks
     * for one, and reading the office hours and months each time cost a connection per action. This
     * node's own calendar changes clear the cache at once; another node's show within the minute.
     */
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    static final long CACHE_NANOS = TimeUnit.SECONDS.toNanos(60);
    /** Bumped by every writer of calendar rows in this bundle (this service, the demo data loader). */
    private static final AtomicLong GENERATION = new AtomicLong();

    private record Cached(WorkingCalendar calendar, long loadedAt, long generation) {
    }

    /** Calendar rows changed (committed): calendars read before are stale. */
    public static void calendarsChanged() {
        GENERATION.incrementAndGet();
    }

    @Override
    public WorkingCalendar calendarFor(String regionCode) {
        String key = key(regionCode);
        long now = System.nanoTime();
        long generation = GENERATION.get();
        Cached cached = cache.get(key);
        if (cached != null && cached.generation() == generation && now - cached.loadedAt() < CACHE_NANOS) {
            return cached.calendar();
        }
        WorkingCalendar calendar = load(regionCode);
        cache.put(key, new Cached(calendar, now, generation));
        return calendar;
    }

    private WorkingCalendar load(String regionCode) {
        List<String> chain = chain(regionCode);
        String hours = tx.read(em -> {
            for (String region : chain) {
                SettingEntity s = em.find(SettingEntity.class, OFFICE_HOURS_KEY + region);
                if (s != null) {
                    return s.getValue();
                }
            }
            return null;
        });
        return new StoredCalendar(chain, hours == null ? OfficeHours.DEFAULT : OfficeHours.parse(hours));
    }

    @Override
    public MonthView month(Caller caller, String regionCode, YearMonth month) {
        String region = key(regionCode);
        if (!GLOBAL.equals(region)) {
            organization.getRegion(caller, region); // NOT_FOUND unless visible
        }
        StoredCalendar calendar = (StoredCalendar) calendarFor(regionCode);
        Month m = calendar.month(month);
        List<DayView> days = new ArrayList<>();
        int working = 0;
        if (m != null) {
            for (LocalDate d = month.atDay(1); !d.isAfter(month.atEndOfMonth()); d = d.plusDays(1)) {
                CalendarDayEntity e = m.days.get(d);
                DayType type = e == null ? SimpleCalendar.defaultType(d) : DayType.valueOf(e.getDayType());
                if (type == DayType.WORKING) {
                    working++;
                }
                days.add(new DayView(d, type, e == null ? null : e.getNote(), e != null));
            }
        }
        String source = m == null ? null : (GLOBAL.equals(m.source) ? "global" : m.source);
        return new MonthView(GLOBAL.equals(region) ? null : region, month, m != null && m.source.equals(region),
                source, calendar.officeHours().toString(), working, days);
    }

    @Override
    public void initialise(Caller caller, String regionCode, int minYear, int maxYear, boolean confirm) {
        String region = requireEditor(caller, regionCode);
        if (maxYear < minYear || maxYear - minYear >= 20) {
            throw CivicException.invalidValue("maxYear", "maxYear must be at least minYear and the range at most 20 years");
        }
        if (minYear < 1990 || maxYear > 2100) {
            throw CivicException.invalidValue("minYear", "Years must lie between 1990 and 2100");
        }
        String from = YearMonth.of(minYear, 1).toString();
        String to = YearMonth.of(maxYear, 12).toString();
        tx.run(em -> {
            long existing = em.createQuery("SELECT COUNT(m) FROM CalendarMonthEntity m WHERE m.regionCode = :r"
                    + " AND m.month >= :from AND m.month <= :to", Long.class)
                    .setParameter("r", region).setParameter("from", from).setParameter("to", to).getSingleResult();
            if (existing > 0 && !confirm) {
                throw new CivicException(409, "CONFIRMATION_REQUIRED", existing
                        + " months of this range are initialised already; send confirm = true to reset them");
            }
            em.createQuery("DELETE FROM CalendarDayEntity d WHERE d.regionCode = :r AND d.day >= :from AND d.day <= :to")
                    .setParameter("r", region).setParameter("from", from + "-01").setParameter("to", to + "-31")
                    .executeUpdate();
            em.createQuery("DELETE FROM CalendarMonthEntity m WHERE m.regionCode = :r AND m.month >= :from AND m.month <= :to")
                    .setParameter("r", region).setParameter("from", from).setParameter("to", to).executeUpdate();
            long now = clock.now().toEpochMilli();
            for (YearMonth m = YearMonth.of(minYear, 1); !m.isAfter(YearMonth.of(maxYear, 12)); m = m.plusMonths(1)) {
                CalendarMonthEntity e = new CalendarMonthEntity();
                e.setRegionCode(region);
                e.setMonth(m.toString());
                e.setInitialisedAt(now);
                em.persist(e);
            }
            AuditLog.record(em, now, caller.loginName(), "initialise_years", "calendar", region,
                    Map.of("minYear", minYear, "maxYear", maxYear));
            return null;
        });
        calendarsChanged();
        publish("platform.initialise_years", caller, region, Map.of("minYear", minYear, "maxYear", maxYear));
    }

    @Override
    public void setDay(Caller caller, String regionCode, LocalDate date, DayType type, String note) {
        String region = requireEditor(caller, regionCode);
        if (date == null) {
            throw CivicException.missingField("date");
        }
        if (type == null) {
            throw CivicException.missingField("dayType");
        }
        if (note != null && note.length() > 100) {
            throw CivicException.invalidValue("note", "A note has at most 100 characters");
        }
        tx.run(em -> {
            if (findMonth(em, region, YearMonth.from(date)) == null) {
                throw CivicException.invalidState("The month " + YearMonth.from(date) + " is not initialised for this calendar");
            }
            CalendarDayEntity e = findDay(em, region, date);
            if (e == null) {
                e = new CalendarDayEntity();
                e.setRegionCode(region);
                e.setDay(date.toString());
                em.persist(e);
            }
            Map<String, Object> change = new LinkedHashMap<>();
            change.put("date", date.toString());
            change.put("old", e.getDayType() == null ? SimpleCalendar.defaultType(date).name() : e.getDayType());
            change.put("new", type.name());
            e.setDayType(type.name());
            e.setNote(note == null || note.isBlank() ? null : note.trim());
            e.setEditedBy(caller.loginName());
            AuditLog.record(em, clock.now().toEpochMilli(), caller.loginName(), "set_day_type", "calendar", region, change);
            return null;
        });
        calendarsChanged();
        publish("platform.set_day_type", caller, region, Map.of("date", date.toString(), "dayType", type.name()));
    }

    @Override
    public void setOfficeHours(Caller caller, String regionCode, String officeHours) {
        String region = requireEditor(caller, regionCode);
        if (officeHours == null || officeHours.isBlank()) {
            throw CivicException.missingField("officeHours");
        }
        OfficeHours parsed;
        try {
            parsed = OfficeHours.parse(officeHours);
        } catch (IllegalArgumentException e) {
            throw CivicException.invalidValue("officeHours", e.getMessage());
        }
        tx.run(em -> {
            SettingEntity s = em.find(SettingEntity.class, OFFICE_HOURS_KEY + region);
            if (s == null) {
                s = new SettingEntity();
                s.setKey(OFFICE_HOURS_KEY + region);
                em.persist(s);
            }
            String old = s.getValue();
            s.setValue(parsed.toString());
            Map<String, Object> change = new HashMap<>();
            change.put("old", old);
            change.put("new", parsed.toString());
            AuditLog.record(em, clock.now().toEpochMilli(), caller.loginName(), "set_office_hours", "calendar", region, change);
            return null;
        });
        calendarsChanged();
        publish("platform.set_office_hours", caller, region, Map.of("officeHours", parsed.toString()));
    }

    /** The region itself, its ancestors, then the global calendar. */
    static List<String> chain(String regionCode) {
        List<String> chain = new ArrayList<>();
        String code = regionCode == null || regionCode.isBlank() ? null : regionCode.trim();
        if (code != null && RegionRules.levelOf(code) == null) {
            throw CivicException.invalidValue("regionCode", "Not a region code: " + code);
        }
        while (code != null) {
            chain.add(code);
            code = RegionRules.parentOf(code);
        }
        chain.add(GLOBAL);
        return chain;
    }

    private String requireEditor(Caller caller, String regionCode) {
        String region = key(regionCode);
        if (GLOBAL.equals(region)) {
            if (!caller.isGlobalAdmin()) {
                throw CivicException.forbidden("Only a global administrator edits the global calendar");
            }
            return region;
        }
        if (!caller.hasAnyRole(Caller.GLOBAL_ADMIN, Caller.REGION_ADMIN)) {
            throw CivicException.forbidden("Only global and region administrators edit calendars");
        }
        organization.getRegion(caller, region); // NOT_FOUND unless visible
        if (!organization.inScope(caller, region)) {
            throw CivicException.outOfScope("Region " + region + " is outside the regions you may change");
        }
        return region;
    }

    private static String key(String regionCode) {
        return regionCode == null || regionCode.isBlank() ? GLOBAL : regionCode.trim();
    }

    private void publish(String topic, Caller caller, String region, Map<String, Object> payload) {
        Map<String, Object> event = new LinkedHashMap<>(payload);
        event.put("regionCode", GLOBAL.equals(region) ? null : region);
        event.put("by", caller.loginName());
        events.publish(topic, event);
    }

    public static CalendarMonthEntity findMonth(EntityManager em, String region, YearMonth month) {
        List<CalendarMonthEntity> found = em.createQuery("SELECT m FROM CalendarMonthEntity m WHERE m.regionCode = :r"
                + " AND m.month = :m", CalendarMonthEntity.class).setParameter("r", region)
                .setParameter("m", month.toString()).getResultList();
        return found.isEmpty() ? null : found.get(0);
    }

    public static CalendarDayEntity findDay(EntityManager em, String region, LocalDate date) {
        List<CalendarDayEntity> found = em.createQuery("SELECT d FROM CalendarDayEntity d WHERE d.regionCode = :r"
                + " AND d.day = :d", CalendarDayEntity.class).setParameter("r", region)
                .setParameter("d", date.toString()).getResultList();
        return found.isEmpty() ? null : found.get(0);
    }

    /** A month as it applies to a region: whose calendar it comes from, and its edited days. */
    private static final class Month {
        final String source;
        final Map<LocalDate, CalendarDayEntity> days;

        Month(String source, Map<LocalDate, CalendarDayEntity> days) {
            this.source = source;
            this.days = days;
        }
    }

    /** Reads months from the database as the arithmetic needs them, each once. */
    private final class StoredCalendar implements WorkingCalendar {
        private final List<String> chain;
        private final OfficeHours officeHours;
        private final Map<YearMonth, Month> months = new ConcurrentHashMap<>();
        private final Map<YearMonth, Boolean> missing = new ConcurrentHashMap<>();

        StoredCalendar(List<String> chain, OfficeHours officeHours) {
            this.chain = chain;
            this.officeHours = officeHours;
        }

        Month month(YearMonth month) {
            if (missing.containsKey(month)) {
                return null;
            }
            Month m = months.get(month);
            if (m == null) {
                m = tx.read(em -> load(em, month));
                if (m == null) {
                    missing.put(month, true);
                    return null;
                }
                months.put(month, m);
            }
            return m;
        }

        private Month load(EntityManager em, YearMonth month) {
            for (String region : chain) {
                if (findMonth(em, region, month) != null) {
                    Map<LocalDate, CalendarDayEntity> days = new HashMap<>();
                    for (CalendarDayEntity d : em.createQuery("SELECT d FROM CalendarDayEntity d WHERE d.regionCode = :r"
                            + " AND d.day >= :from AND d.day <= :to", CalendarDayEntity.class).setParameter("r", region)
                            .setParameter("from", month.atDay(1).toString())
                            .setParameter("to", month.atEndOfMonth().toString()).getResultList()) {
                        days.put(LocalDate.parse(d.getDay()), d);
                    }
                    return new Month(region, days);
                }
            }
            return null;
        }

        @Override
        public DayType dayType(LocalDate date) {
            Month m = month(YearMonth.from(date));
            if (m == null) {
                throw new CalendarNotInitialisedException(YearMonth.from(date));
            }
            CalendarDayEntity e = m.days.get(date);
            return e == null ? SimpleCalendar.defaultType(date) : DayType.valueOf(e.getDayType());
        }

        @Override
        public OfficeHours officeHours() {
            return officeHours;
        }
    }
}
