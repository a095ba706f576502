package org.civic.core.api.org;

import java.util.List;

/** Body of create and update requests for a unit. */
public record UnitInput(
        String name,
        String shortName,
        String unitType,
        String regionCode,
        Long parentUnitId,
        List<String> tags,
        Integer sortNo,
        String status,
        Long version) {
}
