package org.civic.core.internal.org;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

import org.civic.core.api.PlatformClock;
import org.civic.core.api.org.AreaKind;
import org.civic.core.api.org.RecordStatus;
import org.civic.core.api.org.Region;
import org.civic.core.api.org.RegionLevel;
import org.civic.core.api.org.Unit;
import org.civic.core.api.org.User;
import org.civic.core.api.org.UserStatus;
import org.civic.core.internal.persistence.RegionEntity;
import org.civic.core.internal.persistence.UnitEntity;
import org.civic.core.internal.persistence.UserEntity;

/** Entity to API record conversions. */
public final class Mapping {

    private Mapping() {
    }

    public static OffsetDateTime time(long epochMillis) {
        return epochMillis == 0 ? null : OffsetDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), PlatformClock.ZONE);
    }

    /** Joins values as ",a,b," so that one value can be matched with LIKE '%,a,%'. */
    public static String joinList(Collection<String> values) {
        if (values == null || values.isEmpty()) {
            return ",";
        }
        return "," + String.join(",", values) + ",";
    }

    public static List<String> splitList(String joined) {
        if (joined == null) {
            return List.of();
        }
        return Arrays.stream(joined.split(",")).filter(s -> !s.isEmpty()).collect(Collectors.toList());
    }

    public static Region region(RegionEntity e) {
        return new Region(e.getId(), e.getRegionCode(), e.getName(), RegionLevel.valueOf(e.getLevel()),
                e.getAreaKind() == null ? null : AreaKind.valueOf(e.getAreaKind()), e.getParentCode(),
                e.getShortName(), e.getSortNo(), RecordStatus.valueOf(e.getStatus()), e.getVersion(),
                e.getCreatedBy(), time(e.getCreatedAt()), e.getUpdatedBy(), time(e.getUpdatedAt()));
    }

    public static Unit unit(UnitEntity e) {
        return new Unit(e.getId(), e.getName(), e.getShortName(), e.getUnitType(), e.getRegionCode(),
                e.getParentUnitId(), splitList(e.getTags()), e.getSortNo(), RecordStatus.valueOf(e.getStatus()),
                e.getVersion(), e.getCreatedBy(), time(e.getCreatedAt()), e.getUpdatedBy(), time(e.getUpdatedAt()));
    }

    public static User user(UserEntity e) {
        return new User(e.getId(), e.getLoginName(), e.getDisplayName(), e.getMobile(), e.getUnitId(),
                splitList(e.getRoles()), UserStatus.valueOf(e.getStatus()), e.isMustChangePassword(),
                time(e.getLastLoginAt()), e.getVersion(), e.getCreatedBy(), time(e.getCreatedAt()),
                e.getUpdatedBy(), time(e.getUpdatedAt()));
    }
}
