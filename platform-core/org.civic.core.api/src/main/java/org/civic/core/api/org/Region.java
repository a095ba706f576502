package org.civic.core.api.org;

import java.time.OffsetDateTime;

/** A region of the tree (区域). */
public record Region(
        long id,
        String regionCode,
        String name,
        RegionLevel level,
        AreaKind areaKind,
        String parentCode,
        String shortName,
        int sortNo,
        RecordStatus status,
        long version,
        String createdBy,
        OffsetDateTime createdAt,
        String updatedBy,
        OffsetDateTime updatedAt) {
}
