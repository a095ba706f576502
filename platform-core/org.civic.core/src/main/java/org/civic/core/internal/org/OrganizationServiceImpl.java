package org.civic.core.internal.org;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.TypedQuery;

import org.civic.core.api.CivicException;
import org.civic.core.api.EventPublisher;
import org.civic.core.api.Page;
import org.civic.core.api.PlatformClock;
import org.civic.core.api.org.AreaKind;
import org.civic.core.api.org.Caller;
import org.civic.core.api.org.Me;
import org.civic.core.api.org.OrganizationService;
import org.civic.core.api.org.RecordStatus;
import org.civic.core.api.org.Region;
import org.civic.core.api.org.RegionInput;
import org.civic.core.api.org.RegionLevel;
import org.civic.core.api.org.Unit;
import org.civic.core.api.org.UnitInput;
import org.civic.core.api.org.User;
import org.civic.core.api.org.UserInput;
import org.civic.core.api.org.UserStatus;
import org.civic.core.internal.ExtensionRegistry;
import org.civic.core.internal.persistence.AuditLog;
import org.civic.core.internal.persistence.RegionEntity;
import org.civic.core.internal.persistence.Tx;
import org.civic.core.internal.persistence.UnitEntity;
import org.civic.core.internal.persistence.UserEntity;
import org.civic.core.internal.security.CredentialCache;
import org.civic.core.internal.security.PasswordHasher;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Regions, units and users with the rules of platform-config.md: checks run in the order role,
 * scope, state, version, input, and every change is one transaction with its audit entry, followed
 * by a {@code platform.<action>} event once committed.
 */
@Component(service = {OrganizationService.class, OrganizationServiceImpl.class})
public class OrganizationServiceImpl implements OrganizationService {

    static final Pattern LOGIN = Pattern.compile("^[a-z0-9_]{3,30}$");
    static final Pattern MOBILE = Pattern.compile("^1[3-9]\\d{9}$");

    private final Tx tx;
    private final PlatformClock clock;
    private final EventPublisher events;
    private final ExtensionRegistry extensions;
    private final CredentialCache credentials;
    private final PasswordHasher hasher = new PasswordHasher();

    @Activate
    public OrganizationServiceImpl(@Reference(target = "(osgi.unit.name=civic)") EntityManagerFactory emf,
            @Reference PlatformClock clock, @Reference EventPublisher events, @Reference ExtensionRegistry extensions,
            @Reference CredentialCache credentials) {
        this.credentials = credentials;
        this.tx = new Tx(emf);
        this.clock = clock;
        this.events = events;
        this.extensions = extensions;
    }

    // ---------------------------------------------------------------- regions

    @Override
    public Page<Region> listRegions(Caller caller, String parentCode, int offset, int limit) {
        return tx.read(em -> {
            StringBuilder where = new StringBuilder(" WHERE 1 = 1");
            Map<String, Object> params = new HashMap<>();
            if (!caller.isGlobalAdmin()) {
                where.append(" AND r.regionCode LIKE :prefix");
                params.put("prefix", RegionRules.subtreePrefix(caller.regionCode()) + "%");
            }
            if (parentCode != null && !parentCode.isBlank()) {
                where.append(" AND r.parentCode = :parent");
                params.put("parent", parentCode.trim());
            }
            List<Region> items = new ArrayList<>();
            for (RegionEntity e : query(em, "SELECT r FROM RegionEntity r" + where
                    + " ORDER BY r.regionCode", RegionEntity.class, params, offset, limit)) {
                items.add(Mapping.region(e));
            }
            long total = count(em, "SELECT COUNT(r) FROM RegionEntity r" + where, params);
            return new Page<>(items, total, offset, limit);
        });
    }

    @Override
    public Region getRegion(Caller caller, String regionCode) {
        return tx.read(em -> {
            RegionEntity e = findRegion(em, regionCode);
            if (e == null || !visibleRegion(caller, e.getRegionCode())) {
                throw CivicException.notFound("No region " + regionCode);
            }
            return Mapping.region(e);
        });
    }

    @Override
    public Map<String, String> regionNames(Caller caller, java.util.Collection<String> regionCodes) {
        Objects.requireNonNull(caller, "caller");
        Set<String> codes = new java.util.TreeSet<>();
        for (String c : regionCodes) {
            if (c != null && !c.isBlank()) {
                codes.add(c.trim());
            }
        }
        if (codes.size() > MAX_REGION_NAMES) {
            throw CivicException.invalidValue("code", "At most " + MAX_REGION_NAMES + " region codes at a time");
        }
        if (codes.isEmpty()) {
            return Map.of();
        }
        return tx.read(em -> {
            Map<String, String> names = new java.util.TreeMap<>();
            for (RegionEntity e : em.createQuery("SELECT r FROM RegionEntity r WHERE r.regionCode IN :codes",
                    RegionEntity.class).setParameter("codes", codes).getResultList()) {
                names.put(e.getRegionCode(), e.getName());
            }
            return names;
        });
    }

    @Override
    public Region createRegion(Caller caller, RegionInput in) {
        requireAdmin(caller);
        if (in == null) {
            throw CivicException.missingFields(List.of("regionCode", "name", "level"));
        }
        String code = Fields.trimmed(in.regionCode());
        String name = Fields.trimmed(in.name());
        String parentCode = in.parentCode() == null || in.parentCode().isBlank() ? null : in.parentCode().trim();
        new Fields().require("regionCode", code).require("name", name).require("level", in.level()).check();
        RegionLevel level = Fields.enumValue("level", in.level(), RegionLevel.class);
        Fields.length("name", name, 1, 50);
        Fields.length("shortName", Fields.trimmed(in.shortName()), 0, 20);
        AreaKind areaKind = Fields.enumValue("areaKind", in.areaKind(), AreaKind.class);
        if (areaKind == null && level == RegionLevel.CITY) {
            areaKind = AreaKind.CITY_LEVEL;
        } else if (areaKind == null && level == RegionLevel.COUNTY) {
            areaKind = AreaKind.COUNTY_LEVEL;
        }
        if (level != RegionLevel.PROVINCE && parentCode == null) {
            throw CivicException.missingField("parentCode");
        }
        if (!caller.isGlobalAdmin()) {
            RegionLevel own = RegionRules.levelOf(caller.regionCode());
            if (level.ordinal() <= own.ordinal()) {
                throw CivicException.invalidValue("level", "A region administrator creates regions below " + own + " only");
            }
        }
        final AreaKind kind = areaKind;
        Region created = tx.run(em -> {
            RegionLevel parentLevel = null;
            if (parentCode != null) {
                RegionEntity parent = findRegion(em, parentCode);
                if (parent == null) {
                    throw CivicException.invalidValue("parentCode", "No region " + parentCode);
                }
                if (!inScope(caller, parent.getRegionCode())) {
                    throw CivicException.outOfScope("Region " + parentCode + " is outside your scope");
                }
                parentLevel = RegionLevel.valueOf(parent.getLevel());
            }
            RegionRules.checkNewRegion(code, level, parentCode, parentLevel);
            if (findRegion(em, code) != null) {
                throw CivicException.duplicate("regionCode", "Region code " + code + " already exists");
            }
            checkSiblingName(em, parentCode, name, -1);
            long now = clock.now().toEpochMilli();
            RegionEntity e = new RegionEntity();
            e.setRegionCode(code);
            e.setName(name);
            e.setLevel(level.name());
            e.setAreaKind(kind == null ? null : kind.name());
            e.setParentCode(parentCode);
            e.setShortName(Fields.trimmed(in.shortName()));
            e.setSortNo(in.sortNo() == null ? 0 : in.sortNo());
            e.setStatus(RecordStatus.ACTIVE.name());
            e.setCreatedBy(caller.loginName());
            e.setCreatedAt(now);
            e.setUpdatedBy(caller.loginName());
            e.setUpdatedAt(now);
            em.persist(e);
            AuditLog.record(em, now, caller.loginName(), "create_region", "region", code,
                    Map.of("name", name, "level", level.name()));
            return Mapping.region(e);
        });
        publish("platform.create_region", caller, Map.of("regionCode", code, "level", level.name()));
        return created;
    }

    @Override
    public Region updateRegion(Caller caller, String regionCode, RegionInput in) {
        requireAdmin(caller);
        if (in == null) {
            throw CivicException.missingField("name");
        }
        Region updated = tx.run(em -> {
            RegionEntity e = findRegion(em, regionCode);
            if (e == null || !visibleRegion(caller, e.getRegionCode())) {
                throw CivicException.notFound("No region " + regionCode);
            }
            if (!inScope(caller, e.getRegionCode()) || (!caller.isGlobalAdmin()
                    && e.getRegionCode().equals(caller.regionCode()))) {
                throw CivicException.outOfScope("Region " + regionCode + " is outside the regions you may change");
            }
            if (in.regionCode() != null && !in.regionCode().trim().equals(e.getRegionCode())) {
                throw CivicException.immutableField("regionCode");
            }
            if (in.level() != null && !in.level().trim().equals(e.getLevel())) {
                throw CivicException.immutableField("level");
            }
            if (in.parentCode() != null && !Objects.equals(in.parentCode().trim(), e.getParentCode())) {
                throw CivicException.immutableField("parentCode");
            }
            Map<String, Object> changes = new LinkedHashMap<>();
            String name = Fields.trimmed(in.name());
            if (name != null) {
                if (name.isEmpty()) {
                    throw CivicException.missingField("name");
                }
                Fields.length("name", name, 1, 50);
                if (!name.equals(e.getName())) {
                    checkSiblingName(em, e.getParentCode(), name, e.getId());
                    changes.put("name", change(e.getName(), name));
                    e.setName(name);
                }
            }
            if (in.shortName() != null) {
                Fields.length("shortName", in.shortName().trim(), 0, 20);
                changes.put("shortName", change(e.getShortName(), in.shortName().trim()));
                e.setShortName(in.shortName().trim());
            }
            if (in.sortNo() != null) {
                changes.put("sortNo", change(e.getSortNo(), in.sortNo()));
                e.setSortNo(in.sortNo());
            }
            if (in.areaKind() != null) {
                AreaKind kind = Fields.enumValue("areaKind", in.areaKind(), AreaKind.class);
                changes.put("areaKind", change(e.getAreaKind(), kind.name()));
                e.setAreaKind(kind.name());
            }
            long now = clock.now().toEpochMilli();
            e.setUpdatedBy(caller.loginName());
            e.setUpdatedAt(now);
            AuditLog.record(em, now, caller.loginName(), "update_region", "region", regionCode, changes);
            return Mapping.region(e);
        });
        publish("platform.update_region", caller, Map.of("regionCode", regionCode));
        return updated;
    }

    // ---------------------------------------------------------------- units

    @Override
    public Page<Unit> listUnits(Caller caller, String regionCode, int offset, int limit) {
        return tx.read(em -> {
            StringBuilder where = new StringBuilder(" WHERE 1 = 1");
            Map<String, Object> params = new HashMap<>();
            if (!caller.isGlobalAdmin()) {
                where.append(" AND u.regionCode LIKE :prefix");
                params.put("prefix", RegionRules.subtreePrefix(caller.regionCode()) + "%");
            }
            if (regionCode != null && !regionCode.isBlank()) {
                where.append(" AND u.regionCode = :region");
                params.put("region", regionCode.trim());
            }
            List<Unit> items = new ArrayList<>();
            for (UnitEntity e : query(em, "SELECT u FROM UnitEntity u" + where + " ORDER BY u.regionCode, u.id",
                    UnitEntity.class, params, offset, limit)) {
                items.add(Mapping.unit(e));
            }
            return new Page<>(items, count(em, "SELECT COUNT(u) FROM UnitEntity u" + where, params), offset, limit);
        });
    }

    @Override
    public Unit getUnit(Caller caller, long unitId) {
        return tx.read(em -> Mapping.unit(visibleUnit(em, caller, unitId)));
    }

    @Override
    public Unit createUnit(Caller caller, UnitInput in) {
        requireAdmin(caller);
        if (in == null) {
            throw CivicException.missingFields(List.of("name", "unitType", "regionCode"));
        }
        String name = Fields.trimmed(in.name());
        String regionCode = Fields.trimmed(in.regionCode());
        new Fields().require("name", name).require("unitType", in.unitType()).require("regionCode", regionCode).check();
        Fields.length("name", name, 1, 100);
        Fields.length("shortName", Fields.trimmed(in.shortName()), 0, 20);
        String unitType = in.unitType().trim();
        if (!extensions.unitTypes().contains(unitType)) {
            throw CivicException.invalidValue("unitType", "Unknown unit type " + unitType
                    + "; known: " + extensions.unitTypes());
        }
        List<String> tags = tags(in.tags());
        Unit created = tx.run(em -> {
            RegionEntity region = findRegion(em, regionCode);
            if (region == null) {
                throw CivicException.invalidValue("regionCode", "No region " + regionCode);
            }
            if (!inScope(caller, regionCode)) {
                throw CivicException.outOfScope("Region " + regionCode + " is outside your scope");
            }
            if (in.parentUnitId() != null) {
                UnitEntity parent = em.find(UnitEntity.class, in.parentUnitId());
                if (parent == null || !inScope(caller, parent.getRegionCode())) {
                    throw CivicException.invalidValue("parentUnitId", "No unit " + in.parentUnitId() + " in your scope");
                }
            }
            checkUnitName(em, regionCode, in.parentUnitId(), name, -1);
            checkSingleton(em, unitType, regionCode, -1);
            long now = clock.now().toEpochMilli();
            UnitEntity e = new UnitEntity();
            e.setName(name);
            e.setShortName(Fields.trimmed(in.shortName()));
            e.setUnitType(unitType);
            e.setRegionCode(regionCode);
            e.setParentUnitId(in.parentUnitId());
            e.setTags(Mapping.joinList(tags));
            e.setSortNo(in.sortNo() == null ? 0 : in.sortNo());
            e.setStatus(RecordStatus.ACTIVE.name());
            e.setCreatedBy(caller.loginName());
            e.setCreatedAt(now);
            e.setUpdatedBy(caller.loginName());
            e.setUpdatedAt(now);
            em.persist(e);
            em.flush();
            AuditLog.record(em, now, caller.loginName(), "create_unit", "unit", String.valueOf(e.getId()),
                    Map.of("name", name, "unitType", unitType, "regionCode", regionCode));
            return Mapping.unit(e);
        });
        publish("platform.create_unit", caller, Map.of("unitId", created.id(), "regionCode", regionCode));
        return created;
    }

    @Override
    public Unit updateUnit(Caller caller, long unitId, UnitInput in) {
        requireAdmin(caller);
        if (in == null) {
            throw CivicException.missingField("name");
        }
        Unit updated = tx.run(em -> {
            UnitEntity e = visibleUnit(em, caller, unitId);
            checkVersion(in.version(), e.getVersion());
            if (in.regionCode() != null && !in.regionCode().trim().equals(e.getRegionCode())) {
                throw CivicException.immutableField("regionCode");
            }
            Map<String, Object> changes = new LinkedHashMap<>();
            String name = Fields.trimmed(in.name());
            if (name != null) {
                if (name.isEmpty()) {
                    throw CivicException.missingField("name");
                }
                Fields.length("name", name, 1, 100);
            }
            Long parent = in.parentUnitId() != null ? in.parentUnitId() : e.getParentUnitId();
            if (in.parentUnitId() != null && !in.parentUnitId().equals(e.getParentUnitId())) {
                checkParentUnit(em, caller, unitId, in.parentUnitId());
                changes.put("parentUnitId", change(e.getParentUnitId(), in.parentUnitId()));
                e.setParentUnitId(in.parentUnitId());
            }
            if (name != null && !name.equals(e.getName())) {
                checkUnitName(em, e.getRegionCode(), parent, name, unitId);
                changes.put("name", change(e.getName(), name));
                e.setName(name);
            }
            if (in.shortName() != null) {
                Fields.length("shortName", in.shortName().trim(), 0, 20);
                changes.put("shortName", change(e.getShortName(), in.shortName().trim()));
                e.setShortName(in.shortName().trim());
            }
            if (in.unitType() != null && !in.unitType().trim().equals(e.getUnitType())) {
                if (!extensions.unitTypes().contains(in.unitType().trim())) {
                    throw CivicException.invalidValue("unitType", "Unknown unit type " + in.unitType());
                }
                checkSingleton(em, in.unitType().trim(), e.getRegionCode(), unitId);
                changes.put("unitType", change(e.getUnitType(), in.unitType().trim()));
                e.setUnitType(in.unitType().trim());
            }
            if (in.tags() != null) {
                String joined = Mapping.joinList(tags(in.tags()));
                changes.put("tags", change(Mapping.splitList(e.getTags()), Mapping.splitList(joined)));
                e.setTags(joined);
            }
            if (in.sortNo() != null) {
                e.setSortNo(in.sortNo());
            }
            if (in.status() != null) {
                RecordStatus status = Fields.enumValue("status", in.status(), RecordStatus.class);
                if (status == RecordStatus.DISABLED && !e.getStatus().equals(status.name())) {
                    long activeUsers = em.createQuery("SELECT COUNT(u) FROM UserEntity u WHERE u.unitId = :unit"
                            + " AND u.status <> 'DISABLED'", Long.class).setParameter("unit", unitId).getSingleResult();
                    if (activeUsers > 0) {
                        throw CivicException.inUse("unit", "The unit still has " + activeUsers + " active users");
                    }
                }
                changes.put("status", change(e.getStatus(), status.name()));
                e.setStatus(status.name());
            }
            long now = clock.now().toEpochMilli();
            e.setUpdatedBy(caller.loginName());
            e.setUpdatedAt(now);
            AuditLog.record(em, now, caller.loginName(), "update_unit", "unit", String.valueOf(unitId), changes);
            return Mapping.unit(e);
        });
        publish("platform.update_unit", caller, Map.of("unitId", unitId, "regionCode", updated.regionCode()));
        return updated;
    }

    // ---------------------------------------------------------------- users

    @Override
    public Page<User> listUsers(Caller caller, Long unitId, int offset, int limit) {
        requireAdmin(caller);
        return tx.read(em -> {
            StringBuilder where = new StringBuilder(" WHERE 1 = 1");
            Map<String, Object> params = new HashMap<>();
            if (!caller.isGlobalAdmin()) {
                where.append(" AND u.unitId IN (SELECT n.id FROM UnitEntity n WHERE n.regionCode LIKE :prefix)");
                params.put("prefix", RegionRules.subtreePrefix(caller.regionCode()) + "%");
            }
            if (unitId != null) {
                where.append(" AND u.unitId = :unit");
                params.put("unit", unitId);
            }
            List<User> items = new ArrayList<>();
            for (UserEntity e : query(em, "SELECT u FROM UserEntity u" + where + " ORDER BY u.loginName",
                    UserEntity.class, params, offset, limit)) {
                items.add(Mapping.user(e));
            }
            return new Page<>(items, count(em, "SELECT COUNT(u) FROM UserEntity u" + where, params), offset, limit);
        });
    }

    @Override
    public User getUser(Caller caller, long userId) {
        if (caller.userId() != userId) {
            requireAdmin(caller);
        }
        return tx.read(em -> Mapping.user(visibleUser(em, caller, userId)));
    }

    @Override
    public User createUser(Caller caller, UserInput in) {
        requireAdmin(caller);
        if (in == null) {
            throw CivicException.missingFields(List.of("loginName", "displayName", "password", "unitId"));
        }
        String login = Fields.trimmed(in.loginName());
        String displayName = Fields.trimmed(in.displayName());
        new Fields().require("loginName", login).require("displayName", displayName)
                .require("password", in.password()).require("unitId", in.unitId()).check();
        Fields.pattern("loginName", login, LOGIN, "loginName is 3 to 30 of a-z, 0-9 and _");
        Fields.length("displayName", displayName, 1, 50);
        if (!PasswordHasher.meetsPolicy(in.password())) {
            throw CivicException.invalidValue("password", "A password has 8 to 64 characters with letters and digits");
        }
        String mobile = Fields.trimmed(in.mobile());
        if (mobile != null && !mobile.isEmpty()) {
            Fields.pattern("mobile", mobile, MOBILE, "mobile must be a mainland mobile number");
        }
        List<String> roles = roles(caller, in.roles());
        String hash = hasher.hash(in.password());
        User created = tx.run(em -> {
            UnitEntity unit = em.find(UnitEntity.class, in.unitId());
            if (unit == null) {
                throw CivicException.invalidValue("unitId", "No unit " + in.unitId());
            }
            if (!inScope(caller, unit.getRegionCode())) {
                throw CivicException.outOfScope("Unit " + in.unitId() + " is outside your scope");
            }
            if (findUser(em, login) != null) {
                throw CivicException.duplicate("loginName", "Login " + login + " already exists");
            }
            long now = clock.now().toEpochMilli();
            UserEntity e = new UserEntity();
            e.setLoginName(login);
            e.setDisplayName(displayName);
            e.setMobile(mobile == null || mobile.isEmpty() ? null : mobile);
            e.setUnitId(unit.getId());
            e.setRoles(Mapping.joinList(roles));
            e.setStatus(UserStatus.ACTIVE.name());
            e.setPasswordHash(hash);
            e.setMustChangePassword(true);
            e.setPasswordChangedAt(now);
            e.setCreatedBy(caller.loginName());
            e.setCreatedAt(now);
            e.setUpdatedBy(caller.loginName());
            e.setUpdatedAt(now);
            em.persist(e);
            em.flush();
            AuditLog.record(em, now, caller.loginName(), "create_user", "user", login,
                    Map.of("unitId", unit.getId(), "roles", roles));
            return Mapping.user(e);
        });
        publish("platform.create_user", caller, Map.of("userId", created.id(), "loginName", login));
        return created;
    }

    @Override
    public User updateUser(Caller caller, long userId, UserInput in) {
        requireAdmin(caller);
        if (in == null) {
            throw CivicException.missingField("displayName");
        }
        if (in.password() != null) {
            throw CivicException.invalidValue("password", "Passwords change through POST /api/v1/me/password");
        }
        List<String> roles = in.roles() == null ? null : roles(caller, in.roles());
        User updated = tx.run(em -> {
            UserEntity e = visibleUser(em, caller, userId);
            checkVersion(in.version(), e.getVersion());
            if (in.loginName() != null && !in.loginName().trim().equals(e.getLoginName())) {
                throw CivicException.immutableField("loginName");
            }
            Map<String, Object> changes = new LinkedHashMap<>();
            if (in.displayName() != null) {
                String name = in.displayName().trim();
                if (name.isEmpty()) {
                    throw CivicException.missingField("displayName");
                }
                Fields.length("displayName", name, 1, 50);
                changes.put("displayName", change(e.getDisplayName(), name));
                e.setDisplayName(name);
            }
            if (in.mobile() != null) {
                String mobile = in.mobile().trim();
                if (!mobile.isEmpty()) {
                    Fields.pattern("mobile", mobile, MOBILE, "mobile must be a mainland mobile number");
                }
                e.setMobile(mobile.isEmpty() ? null : mobile);
                changes.put("mobile", "changed");
            }
            if (in.unitId() != null && in.unitId() != e.getUnitId()) {
                UnitEntity unit = em.find(UnitEntity.class, in.unitId());
                if (unit == null) {
                    throw CivicException.invalidValue("unitId", "No unit " + in.unitId());
                }
                if (!inScope(caller, unit.getRegionCode())) {
                    throw CivicException.outOfScope("Unit " + in.unitId() + " is outside your scope");
                }
                changes.put("unitId", change(e.getUnitId(), unit.getId()));
                e.setUnitId(unit.getId());
            }
            if (roles != null) {
                changes.put("roles", change(Mapping.splitList(e.getRoles()), roles));
                e.setRoles(Mapping.joinList(roles));
            }
            if (in.status() != null) {
                UserStatus status = Fields.enumValue("status", in.status(), UserStatus.class);
                changes.put("status", change(e.getStatus(), status.name()));
                e.setStatus(status.name());
                if (status == UserStatus.ACTIVE) {
                    e.setFailedAttempts(0);
                    e.setLockedUntil(0);
                }
            }
            long now = clock.now().toEpochMilli();
            e.setUpdatedBy(caller.loginName());
            e.setUpdatedAt(now);
            AuditLog.record(em, now, caller.loginName(), "update_user", "user", e.getLoginName(), changes);
            return Mapping.user(e);
        });
        credentials.evict(updated.loginName());
        publish("platform.update_user", caller, Map.of("userId", userId, "loginName", updated.loginName()));
        return updated;
    }

    @Override
    public Me me(Caller caller) {
        return tx.read(em -> {
            UserEntity user = em.find(UserEntity.class, caller.userId());
            UnitEntity unit = em.find(UnitEntity.class, user.getUnitId());
            RegionEntity region = findRegion(em, unit.getRegionCode());
            Me.Scope scope = new Me.Scope(region.getRegionCode(), region.getName(), caller.isGlobalAdmin());
            return new Me(Mapping.user(user), Mapping.unit(unit), Mapping.region(region),
                    Mapping.splitList(user.getRoles()), scope);
        });
    }

    @Override
    public boolean inScope(Caller caller, String regionCode) {
        return caller.isGlobalAdmin() || RegionRules.isWithin(regionCode, caller.regionCode());
    }

    // ---------------------------------------------------------------- helpers

    /** A region is visible when it is in scope, or an ancestor of the caller's region (read-only). */
    private boolean visibleRegion(Caller caller, String code) {
        return inScope(caller, code) || RegionRules.isWithin(caller.regionCode(), code);
    }

    private UnitEntity visibleUnit(EntityManager em, Caller caller, long unitId) {
        UnitEntity e = em.find(UnitEntity.class, unitId);
        if (e == null || !inScope(caller, e.getRegionCode())) {
            throw CivicException.notFound("No unit " + unitId);
        }
        return e;
    }

    private UserEntity visibleUser(EntityManager em, Caller caller, long userId) {
        UserEntity e = em.find(UserEntity.class, userId);
        if (e == null) {
            throw CivicException.notFound("No user " + userId);
        }
        UnitEntity unit = em.find(UnitEntity.class, e.getUnitId());
        if (e.getId() != caller.userId() && (unit == null || !inScope(caller, unit.getRegionCode()))) {
            throw CivicException.notFound("No user " + userId);
        }
        return e;
    }

    @Override
    public List<org.civic.core.api.spi.RoleDefinition> grantableRoles(Caller caller) {
        requireAdmin(caller);
        return List.copyOf(extensions.roles().values());
    }

    @Override
    public Set<String> unitTypes(Caller caller) {
        requireAdmin(caller);
        return extensions.unitTypes();
    }

    private static void requireAdmin(Caller caller) {
        if (!caller.hasAnyRole(Caller.GLOBAL_ADMIN, Caller.REGION_ADMIN)) {
            throw CivicException.forbidden("Only global and region administrators manage the organisation");
        }
    }

    private static void checkVersion(Long sent, long current) {
        if (sent != null && sent != current) {
            throw CivicException.conflict("The record was changed since you read it (version " + current + ")");
        }
    }

    private List<String> roles(Caller caller, List<String> requested) {
        if (requested == null || requested.isEmpty()) {
            return List.of(Caller.STAFF);
        }
        Set<String> known = extensions.roles().keySet();
        Set<String> seen = new HashSet<>();
        List<String> roles = new ArrayList<>();
        for (String r : requested) {
            String role = r == null ? "" : r.trim();
            if (!known.contains(role)) {
                throw CivicException.invalidValue("roles", "Unknown role " + role + "; known: " + known);
            }
            if (role.equals(Caller.GLOBAL_ADMIN) && !caller.isGlobalAdmin()) {
                throw CivicException.forbidden("Only a global administrator grants global_admin");
            }
            if (seen.add(role)) {
                roles.add(role);
            }
        }
        return roles;
    }

    private static List<String> tags(List<String> tags) {
        if (tags == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String t : tags) {
            String tag = t == null ? "" : t.trim();
            if (tag.isEmpty() || tag.length() > 40 || tag.contains(",")) {
                throw CivicException.invalidValue("tags", "A tag is 1 to 40 characters without commas");
            }
            if (!out.contains(tag)) {
                out.add(tag);
            }
        }
        return out;
    }

    private void checkParentUnit(EntityManager em, Caller caller, long unitId, long parentId) {
        Long cursor = parentId;
        Set<Long> seen = new HashSet<>();
        while (cursor != null) {
            if (cursor == unitId || !seen.add(cursor)) {
                throw CivicException.invalidValue("parentUnitId", "A unit cannot be below itself");
            }
            UnitEntity p = em.find(UnitEntity.class, cursor);
            if (p == null || (cursor == parentId && !inScope(caller, p.getRegionCode()))) {
                throw CivicException.invalidValue("parentUnitId", "No unit " + cursor + " in your scope");
            }
            cursor = p.getParentUnitId();
        }
    }

    private static void checkSiblingName(EntityManager em, String parentCode, String name, long exceptId) {
        String jpql = parentCode == null
                ? "SELECT COUNT(r) FROM RegionEntity r WHERE r.parentCode IS NULL AND r.name = :name AND r.id <> :id"
                : "SELECT COUNT(r) FROM RegionEntity r WHERE r.parentCode = :parent AND r.name = :name AND r.id <> :id";
        TypedQuery<Long> q = em.createQuery(jpql, Long.class).setParameter("name", name).setParameter("id", exceptId);
        if (parentCode != null) {
            q.setParameter("parent", parentCode);
        }
        if (q.getSingleResult() > 0) {
            throw CivicException.duplicate("name", "A sibling region is already named " + name);
        }
    }

    /** A region holds at most one unit of a singleton type (disabled ones count: they can be enabled again). */
    private void checkSingleton(EntityManager em, String unitType, String regionCode, long exceptId) {
        if (!extensions.singletonUnitTypes().contains(unitType)) {
            return;
        }
        long n = em.createQuery("SELECT COUNT(u) FROM UnitEntity u WHERE u.regionCode = :region AND u.unitType = :type"
                + " AND u.id <> :id", Long.class).setParameter("region", regionCode).setParameter("type", unitType)
                .setParameter("id", exceptId).getSingleResult();
        if (n > 0) {
            throw CivicException.duplicate("unitType", "Region " + regionCode + " already has its unit of type " + unitType);
        }
    }

    private static void checkUnitName(EntityManager em, String regionCode, Long parentUnitId, String name, long exceptId) {
        String jpql = "SELECT COUNT(u) FROM UnitEntity u WHERE u.regionCode = :region AND u.name = :name AND u.id <> :id"
                + (parentUnitId == null ? " AND u.parentUnitId IS NULL" : " AND u.parentUnitId = :parent");
        TypedQuery<Long> q = em.createQuery(jpql, Long.class).setParameter("region", regionCode)
                .setParameter("name", name).setParameter("id", exceptId);
        if (parentUnitId != null) {
            q.setParameter("parent", parentUnitId);
        }
        if (q.getSingleResult() > 0) {
            throw CivicException.duplicate("name", "A sibling unit is already named " + name);
        }
    }

    public static RegionEntity findRegion(EntityManager em, String code) {
        if (code == null) {
            return null;
        }
        List<RegionEntity> found = em.createQuery("SELECT r FROM RegionEntity r WHERE r.regionCode = :code",
                RegionEntity.class).setParameter("code", code.trim()).getResultList();
        return found.isEmpty() ? null : found.get(0);
    }

    public static UserEntity findUser(EntityManager em, String login) {
        List<UserEntity> found = em.createQuery("SELECT u FROM UserEntity u WHERE u.loginName = :login",
                UserEntity.class).setParameter("login", login).getResultList();
        return found.isEmpty() ? null : found.get(0);
    }

    private static <T> List<T> query(EntityManager em, String jpql, Class<T> type, Map<String, Object> params,
            int offset, int limit) {
        TypedQuery<T> q = em.createQuery(jpql, type).setFirstResult(offset).setMaxResults(limit);
        params.forEach(q::setParameter);
        return q.getResultList();
    }

    private static long count(EntityManager em, String jpql, Map<String, Object> params) {
        TypedQuery<Long> q = em.createQuery(jpql, Long.class);
        params.forEach(q::setParameter);
        return q.getSingleResult();
    }

    private static Map<String, Object> change(Object oldValue, Object newValue) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("old", oldValue);
        m.put("new", newValue);
        return m;
    }

    private void publish(String topic, Caller caller, Map<String, Object> payload) {
        Map<String, Object> event = new LinkedHashMap<>(payload);
        event.put("by", caller.loginName());
        events.publish(topic, event);
    }
}
