package org.civic.core.internal.persistence;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.GeneratedValue;
import javax.persistence.GenerationType;
import javax.persistence.Id;
import javax.persistence.Table;
import javax.persistence.UniqueConstraint;

/** A month initialised for a calendar; region "*" is the global calendar. */
@Entity
@Table(name = "CIVIC_CALENDAR_MONTH", uniqueConstraints = @UniqueConstraint(name = "UQ_CAL_MONTH",
        columnNames = {"REGION_CODE", "MONTH_KEY"}))
public class CalendarMonthEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private long id;

    @Column(name = "REGION_CODE", length = 15, nullable = false)
    private String regionCode;

    /** yyyy-MM */
    @Column(name = "MONTH_KEY", length = 7, nullable = false)
    private String month;

    private long initialisedAt;

    public long getId() {
        return id;
    }

    public String getRegionCode() {
        return regionCode;
    }

    public void setRegionCode(String regionCode) {
        this.regionCode = regionCode;
    }

    public String getMonth() {
        return month;
    }

    public void setMonth(String month) {
        this.month = month;
    }

    public long getInitialisedAt() {
        return initialisedAt;
    }

    public void setInitialisedAt(long initialisedAt) {
        this.initialisedAt = initialisedAt;
    }
}
