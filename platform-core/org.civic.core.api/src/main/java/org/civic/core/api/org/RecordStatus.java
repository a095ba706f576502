package org.civic.core.api.org;

/** Status of regions and units. */
public enum RecordStatus {
    ACTIVE,
    DISABLED
}
