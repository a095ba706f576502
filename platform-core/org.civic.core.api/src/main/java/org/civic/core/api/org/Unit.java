package org.civic.core.api.org;

import java.time.OffsetDateTime;
import java.util.List;

/** A unit (组织机构): a department, centre, squad, window or a unit type a plugin declares. */
public record Unit(
        long id,
        String name,
        String shortName,
        String unitType,
        String regionCode,
        Long parentUnitId,
        List<String> tags,
        int sortNo,
        RecordStatus status,
        long version,
        String createdBy,
        OffsetDateTime createdAt,
        String updatedBy,
        OffsetDateTime updatedAt) {
}
