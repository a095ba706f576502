package org.civic.core.api.org;

/** 区域类型: city-level (市本级) or county-level (县区本级) area, required for CITY and COUNTY regions. */
public enum AreaKind {
    CITY_LEVEL,
    COUNTY_LEVEL
}
