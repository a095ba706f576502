package org.civic.core.api.org;

/**
 * Body of create and update requests for a region. Only {@code regionCode}, {@code name}, {@code level}
 * and {@code parentCode} (except for a province) are needed to create one; the rest take defaults.
 */
public record RegionInput(
        String regionCode,
        String name,
        String level,
        String areaKind,
        String parentCode,
        String shortName,
        Integer sortNo) {
}
