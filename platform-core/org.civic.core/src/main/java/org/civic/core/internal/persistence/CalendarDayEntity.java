package org.civic.core.internal.persistence;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.GeneratedValue;
import javax.persistence.GenerationType;
import javax.persistence.Id;
import javax.persistence.Table;
import javax.persistence.UniqueConstraint;

/**
 * A day of a calendar that differs from, or was edited against, the weekday default (a holiday, a
 * make-up working day). Days not stored have their weekday default.
 */
@Entity
@Table(name = "CIVIC_CALENDAR_DAY", uniqueConstraints = @UniqueConstraint(name = "UQ_CAL_DAY",
        columnNames = {"REGION_CODE", "DAY_KEY"}))
public class CalendarDayEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private long id;

    @Column(name = "REGION_CODE", length = 15, nullable = false)
    private String regionCode;

    /** yyyy-MM-dd */
    @Column(name = "DAY_KEY", length = 10, nullable = false)
    private String day;

    @Column(length = 16, nullable = false)
    private String dayType;

    @Column(length = 100)
    private String note;

    @Column(length = 30)
    private String editedBy;

    public long getId() {
        return id;
    }

    public String getRegionCode() {
        return regionCode;
    }

    public void setRegionCode(String regionCode) {
        this.regionCode = regionCode;
    }

    public String getDay() {
        return day;
    }

    public void setDay(String day) {
        this.day = day;
    }

    public String getDayType() {
        return dayType;
    }

    public void setDayType(String dayType) {
        this.dayType = dayType;
    }

    public String getNote() {
        return note;
    }

    public void setNote(String note) {
        this.note = note;
    }

    public String getEditedBy() {
        return editedBy;
    }

    public void setEditedBy(String editedBy) {
        this.editedBy = editedBy;
    }
}
