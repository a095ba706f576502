package org.civic.core.internal.persistence;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.GeneratedValue;
import javax.persistence.GenerationType;
import javax.persistence.Id;
import javax.persistence.Index;
import javax.persistence.Table;

/** A statutory clock of an item or an assignment, with its stored deadline and the next card threshold. */
@Entity
@Table(name = "CIVIC_CLOCK", indexes = {@Index(name = "IX_CLOCK_1", columnList = "ITEMID"), @Index(name = "IX_CLOCK_2", columnList = "STATUS,NEXTCARDAT")})
public class ClockEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private long id;

    private long itemId;

    private long assignmentId;

    private long unitId;

    @Column(length = 30)
    private String line;

    @Column(length = 40, nullable = false)
    private String name;

    @Column(length = 10, nullable = false)
    private String status;

    private long startedAt;

    private long deadline;

    private Long pausedAt;

    private Long stoppedAt;

    private Long pendingDeadline;

    private Long pendingSince;

    private Long yellowFloor;

    private Long yellowAt;

    private Long redDue;

    private Long redAt;

    private Long nextCardAt;

    /** When the clock's deadline action was taken (or found not to apply); null: not yet. */
    private Long overdueAt;

    /** This clock's own red-card distance in working days (a district's value); null: the line's. */
    private Integer redAfterDays;

    public long getId() {
        return id;
    }

    public void setId(long id) {
        this.id = id;
    }

    public long getItemId() {
        return itemId;
    }

    public void setItemId(long itemId) {
        this.itemId = itemId;
    }

    public long getAssignmentId() {
        return assignmentId;
    }

    public void setAssignmentId(long assignmentId) {
        this.assignmentId = assignmentId;
    }

    public long getUnitId() {
        return unitId;
    }

    public void setUnitId(long unitId) {
        this.unitId = unitId;
    }

    public String getLine() {
        return line;
    }

    public void setLine(String line) {
        this.line = line;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    public long getStartedAt() {
        return startedAt;
    }

    public void setStartedAt(long startedAt) {
        this.startedAt = startedAt;
    }

    public long getDeadline() {
        return deadline;
    }

    public void setDeadline(long deadline) {
        this.deadline = deadline;
    }

    public Long getPausedAt() {
        return pausedAt;
    }

    public void setPausedAt(Long pausedAt) {
        this.pausedAt = pausedAt;
    }

    public Long getStoppedAt() {
        return stoppedAt;
    }

    public void setStoppedAt(Long stoppedAt) {
        this.stoppedAt = stoppedAt;
    }

    public Long getPendingDeadline() {
        return pendingDeadline;
    }

    public void setPendingDeadline(Long pendingDeadline) {
        this.pendingDeadline = pendingDeadline;
    }

    public Long getPendingSince() {
        return pendingSince;
    }

    public void setPendingSince(Long pendingSince) {
        this.pendingSince = pendingSince;
    }

    public Long getYellowFloor() {
        return yellowFloor;
    }

    public void setYellowFloor(Long yellowFloor) {
        this.yellowFloor = yellowFloor;
    }

    public Long getYellowAt() {
        return yellowAt;
    }

    public void setYellowAt(Long yellowAt) {
        this.yellowAt = yellowAt;
    }

    public Long getRedDue() {
        return redDue;
    }

    public void setRedDue(Long redDue) {
        this.redDue = redDue;
    }

    public Long getRedAt() {
        return redAt;
    }

    public void setRedAt(Long redAt) {
        this.redAt = redAt;
    }

    public Long getNextCardAt() {
        return nextCardAt;
    }

    public void setNextCardAt(Long nextCardAt) {
        this.nextCardAt = nextCardAt;
    }

    public Long getOverdueAt() {
        return overdueAt;
    }

    public void setOverdueAt(Long overdueAt) {
        this.overdueAt = overdueAt;
    }

    public Integer getRedAfterDays() {
        return redAfterDays;
    }

    public void setRedAfterDays(Integer redAfterDays) {
        this.redAfterDays = redAfterDays;
    }
}
