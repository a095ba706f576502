package org.civic.core.api.time;

/** 工作日 / 非工作日 of a region's working calendar. */
public enum DayType {
    WORKING,
    NON_WORKING
}
