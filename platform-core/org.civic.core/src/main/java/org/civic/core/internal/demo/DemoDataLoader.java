package org.civic.core.internal.demo;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;

import org.civic.core.api.HealthIndicator;
import org.civic.core.api.PlatformClock;
import org.civic.core.api.org.RecordStatus;
import org.civic.core.api.org.UserStatus;
import org.civic.core.api.spi.PlatformExtension;
import org.civic.core.internal.CoreConfig;
import org.civic.core.internal.org.Mapping;
import org.civic.core.internal.org.OrganizationServiceImpl;
import org.civic.core.internal.calendar.CalendarServiceImpl;
import org.civic.core.internal.persistence.CalendarDayEntity;
import org.civic.core.internal.persistence.CalendarMonthEntity;
import org.civic.core.internal.persistence.RegionEntity;
import org.civic.core.internal.persistence.SettingEntity;
import org.civic.core.internal.persistence.Tx;
import org.civic.core.internal.persistence.UnitEntity;
import org.civic.core.internal.persistence.UserEntity;
import org.civic.core.internal.security.PasswordHasher;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.util.tracker.BundleTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Loads data files into an empty database: the global working calendar ({@value #CALENDAR_FILE})
 * always, and — when the setting {@code demoData} is on — the core's demo organisation
 * ({@value #CORE_FILE}) on first start, and each plugin's own file, named by its bundle header
 * {@value PlatformExtension#DEMO_DATA_HEADER}, when the plugin starts. Each file is loaded once: a
 * marker in the database remembers it across restarts, and records that already exist are kept.
 */
@Component(service = HealthIndicator.class, immediate = true, configurationPid = CoreConfig.PID)
public class DemoDataLoader implements HealthIndicator {

    static final String CORE_FILE = "demo/organisation.json";
    static final String CALENDAR_FILE = "data/calendar.json";
    private static final Logger LOG = LoggerFactory.getLogger(DemoDataLoader.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Tx tx;
    private final PlatformClock clock;
    private final PasswordHasher hasher = new PasswordHasher();
    private final BundleTracker<Bundle> tracker;
    private final boolean enabled;
    private volatile boolean ready;

    @Activate
    public DemoDataLoader(BundleContext context, CoreConfig config,
            @Reference(target = "(osgi.unit.name=civic)") EntityManagerFactory emf, @Reference PlatformClock clock) {
        this.tx = new Tx(emf);
        this.clock = clock;
        this.enabled = config.demoData();
        // The national working calendar (2025-2027, public holidays of 2025 and 2026) is reference data,
        // loaded whether demo data is on or not.
        load("core:" + CALENDAR_FILE, context.getBundle().getEntry(CALENDAR_FILE));
        if (enabled) {
            load("core:" + CORE_FILE, context.getBundle().getEntry(CORE_FILE));
        } else {
            LOG.info("Demo data is off (demoData=false in etc/{}.cfg)", CoreConfig.PID);
        }
        ready = true;
        tracker = new BundleTracker<>(context, Bundle.ACTIVE, null) {
            @Override
            public Bundle addingBundle(Bundle bundle, BundleEvent event) {
                String files = bundle.getHeaders().get(PlatformExtension.DEMO_DATA_HEADER);
                if (files == null) {
                    return null;
                }
                if (enabled) {
                    for (String file : files.split(",")) {
                        String path = file.trim();
                        load(bundle.getSymbolicName() + ":" + path, bundle.getEntry(path));
                    }
                }
                return bundle;
            }
        };
        tracker.open();
    }

    @Deactivate
    void deactivate() {
        tracker.close();
    }

    /** Initialises the calendar's years (unless a month exists already) and stores its days. */
    private static void applyCalendar(EntityManager em, DemoData.DemoCalendar c, long now) {
        String region = c.regionCode == null ? CalendarServiceImpl.GLOBAL : c.regionCode;
        for (java.time.YearMonth m = java.time.YearMonth.of(c.minYear, 1);
                !m.isAfter(java.time.YearMonth.of(c.maxYear, 12)); m = m.plusMonths(1)) {
            if (CalendarServiceImpl.findMonth(em, region, m) == null) {
                CalendarMonthEntity e = new CalendarMonthEntity();
                e.setRegionCode(region);
                e.setMonth(m.toString());
                e.setInitialisedAt(now);
                em.persist(e);
            }
        }
        if (c.officeHours != null && em.find(SettingEntity.class, CalendarServiceImpl.OFFICE_HOURS_KEY + region) == null) {
            SettingEntity s = new SettingEntity();
            s.setKey(CalendarServiceImpl.OFFICE_HOURS_KEY + region);
            s.setValue(org.civic.core.api.time.OfficeHours.parse(c.officeHours).toString());
            em.persist(s);
        }
        for (DemoData.DemoDay d : c.days) {
            if (CalendarServiceImpl.findDay(em, region, java.time.LocalDate.parse(d.date)) != null) {
                continue;
            }
            CalendarDayEntity e = new CalendarDayEntity();
            e.setRegionCode(region);
            e.setDay(java.time.LocalDate.parse(d.date).toString());
            e.setDayType(org.civic.core.api.time.DayType.valueOf(d.dayType).name());
            e.setNote(d.note);
            e.setEditedBy("demo");
            em.persist(e);
        }
    }

    @Override
    public String name() {
        return "demo-data";
    }

    @Override
    public boolean isUp() {
        return ready;
    }

    /** Loads one demo file unless the database says it was loaded before. */
    synchronized void load(String key, URL url) {
        if (url == null) {
            LOG.error("Demo data file {} is missing", key);
            return;
        }
        DemoData data;
        try (InputStream in = url.openStream()) {
            data = JSON.readValue(in, DemoData.class);
        } catch (IOException e) {
            LOG.error("Demo data file {} cannot be read", key, e);
            return;
        }
        String marker = "demo.loaded." + key;
        boolean loaded = tx.run(em -> {
            if (em.find(SettingEntity.class, marker) != null) {
                return false;
            }
            apply(em, data);
            SettingEntity s = new SettingEntity();
            s.setKey(marker);
            s.setValue(clock.nowInZone().toString());
            em.persist(s);
            return true;
        });
        if (loaded && !data.calendars.isEmpty()) {
            CalendarServiceImpl.calendarsChanged();
        }
        if (loaded) {
            LOG.info("Loaded demo data {}: {} regions, {} units, {} users, {} calendars", key, data.regions.size(),
                    data.units.size(), data.users.size(), data.calendars.size());
            for (DemoData.DemoUser u : data.users) {
                if (u.password != null && !PasswordHasher.meetsPolicy(u.password)) {
                    LOG.warn("Demo user '{}' has the well-known password '{}': change it before real use "
                            + "(POST /api/v1/me/password)", u.loginName, u.password);
                }
            }
        }
    }

    private void apply(EntityManager em, DemoData data) {
        long now = clock.now().toEpochMilli();
        for (DemoData.DemoCalendar c : data.calendars) {
            applyCalendar(em, c, now);
        }
        for (DemoData.DemoRegion r : data.regions) {
            if (OrganizationServiceImpl.findRegion(em, r.regionCode) != null) {
                continue;
            }
            RegionEntity e = new RegionEntity();
            e.setRegionCode(r.regionCode);
            e.setName(r.name);
            e.setLevel(r.level);
            e.setAreaKind("CITY".equals(r.level) ? "CITY_LEVEL" : "COUNTY".equals(r.level) ? "COUNTY_LEVEL" : null);
            e.setParentCode(r.parentCode);
            e.setShortName(r.shortName);
            e.setStatus(RecordStatus.ACTIVE.name());
            e.setCreatedBy("demo");
            e.setCreatedAt(now);
            e.setUpdatedBy("demo");
            e.setUpdatedAt(now);
            em.persist(e);
        }
        Map<String, Long> unitIds = new HashMap<>();
        for (DemoData.DemoUnit u : data.units) {
            List<UnitEntity> existing = em.createQuery(
                    "SELECT u FROM UnitEntity u WHERE u.regionCode = :r AND u.name = :n", UnitEntity.class)
                    .setParameter("r", u.regionCode).setParameter("n", u.name).getResultList();
            if (!existing.isEmpty()) {
                unitIds.put(u.key, existing.get(0).getId());
                continue;
            }
            UnitEntity e = new UnitEntity();
            e.setName(u.name);
            e.setShortName(u.shortName);
            e.setUnitType(u.unitType);
            e.setRegionCode(u.regionCode);
            e.setParentUnitId(u.parent == null ? null : unitIds.get(u.parent));
            e.setTags(Mapping.joinList(u.tags));
            e.setStatus(RecordStatus.ACTIVE.name());
            e.setCreatedBy("demo");
            e.setCreatedAt(now);
            e.setUpdatedBy("demo");
            e.setUpdatedAt(now);
            em.persist(e);
            em.flush();
            unitIds.put(u.key, e.getId());
        }
        for (DemoData.DemoUser u : data.users) {
            if (OrganizationServiceImpl.findUser(em, u.loginName) != null) {
                continue;
            }
            Long unitId = unitIds.get(u.unit);
            if (unitId == null) {
                throw new IllegalStateException("Demo user " + u.loginName + " names unknown unit " + u.unit);
            }
            UserEntity e = new UserEntity();
            e.setLoginName(u.loginName);
            e.setDisplayName(u.displayName);
            e.setMobile(u.mobile);
            e.setUnitId(unitId);
            e.setRoles(Mapping.joinList(u.roles));
            e.setStatus(UserStatus.ACTIVE.name());
            e.setPasswordHash(hasher.hash(u.password));
            e.setPasswordChangedAt(now);
            e.setCreatedBy("demo");
            e.setCreatedAt(now);
            e.setUpdatedBy("demo");
            e.setUpdatedAt(now);
            em.persist(e);
        }
    }
}
