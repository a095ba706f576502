package org.civic.core.internal;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.civic.core.api.spi.PlatformExtension;
import org.civic.core.api.spi.RoleDefinition;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * The roles and unit types that may be used now: the platform's own plus those of the plugins whose
 * {@link PlatformExtension} service is registered. A plugin's declarations disappear with its bundle.
 */
@Component(service = ExtensionRegistry.class)
public class ExtensionRegistry {

    public static final List<RoleDefinition> PLATFORM_ROLES = List.of(
            new RoleDefinition("global_admin", "全局管理员", "Global administrator"),
            new RoleDefinition("region_admin", "区域管理员", "Region administrator"),
            new RoleDefinition("centre_admin", "中心管理员", "Centre administrator"),
            new RoleDefinition("staff", "用户", "Staff"));

    public static final List<String> PLATFORM_UNIT_TYPES = List.of("DEPARTMENT", "ENFORCEMENT_ORGAN", "SQUAD",
            "SECTION", "COMMITTEE", "COMMAND_CENTRE", "SUB_CENTRE", "SERVICE_CENTRE", "WINDOW_UNIT",
            "COMMUNITY_OFFICE", "OTHER");

    private final List<PlatformExtension> extensions = new CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addExtension(PlatformExtension extension) {
        extensions.add(extension);
    }

    void removeExtension(PlatformExtension extension) {
        extensions.remove(extension);
    }

    /** Every role id that may be granted now, with its labels. */
    public Map<String, RoleDefinition> roles() {
        Map<String, RoleDefinition> roles = new LinkedHashMap<>();
        PLATFORM_ROLES.forEach(r -> roles.put(r.id(), r));
        for (PlatformExtension e : extensions) {
            e.roles().forEach(r -> roles.putIfAbsent(r.id(), r));
        }
        return roles;
    }

    /** Unit types of which a region may hold one unit only. */
    public Set<String> singletonUnitTypes() {
        Set<String> types = new LinkedHashSet<>();
        for (PlatformExtension e : extensions) {
            types.addAll(e.singletonUnitTypes());
        }
        return types;
    }

    public Set<String> unitTypes() {
        Set<String> types = new LinkedHashSet<>(PLATFORM_UNIT_TYPES);
        for (PlatformExtension e : extensions) {
            Collection<String> t = e.unitTypes();
            types.addAll(t);
        }
        return types;
    }
}
