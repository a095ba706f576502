package org.civic.core.internal.persistence;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.GeneratedValue;
import javax.persistence.GenerationType;
import javax.persistence.Id;
import javax.persistence.Index;
import javax.persistence.Lob;
import javax.persistence.Table;
import javax.persistence.UniqueConstraint;
import javax.persistence.Version;

/** A work item of a line; its fields are stored as JSON. Times are epoch milliseconds. */
@Entity
@Table(name = "CIVIC_ITEM", uniqueConstraints = @UniqueConstraint(columnNames = "ITEMNUMBER"), indexes = {@Index(name = "IX_ITEM_1", columnList = "LINE,STATE"), @Index(name = "IX_ITEM_2", columnList = "REGIONCODE")})
public class WorkItemEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private long id;

    @Column(length = 60, nullable = false)
    private String itemNumber;

    @Column(length = 30, nullable = false)
    private String line;

    @Column(length = 200, nullable = false)
    private String title;

    @Column(length = 15, nullable = false)
    private String regionCode;

    @Column(length = 40, nullable = false)
    private String state;

    @Lob
    private String fields;

    @Version
    private long version;

    private long createdAt;

    @Column(length = 30)
    private String createdBy;

    private long createdById;

    private long createdUnitId;

    private long updatedAt;

    @Column(length = 30)
    private String updatedBy;

    private Long closedAt;

    private Long nextDeadline;

    public long getId() {
        return id;
    }

    public void setId(long id) {
        this.id = id;
    }

    public String getItemNumber() {
        return itemNumber;
    }

    public void setItemNumber(String itemNumber) {
        this.itemNumber = itemNumber;
    }

    public String getLine() {
        return line;
    }

    public void setLine(String line) {
        this.line = line;
    }

    public String getTitle() {
        return title;
    }

    public void setTitle(String title) {
        this.title = title;
    }

    public String getRegionCode() {
        return regionCode;
    }

    public void setRegionCode(String regionCode) {
        this.regionCode = regionCode;
    }

    public String getState() {
        return state;
    }

    public void setState(String state) {
        this.state = state;
    }

    public String getFields() {
        return fields;
    }

    public void setFields(String fields) {
        this.fields = fields;
    }

    public long getVersion() {
        return version;
    }

    public void setVersion(long version) {
        this.version = version;
    }

    public long getCreatedAt() {
        return createdAt;
    }

    public void setCreatedAt(long createdAt) {
        this.createdAt = createdAt;
    }

    public String getCreatedBy() {
        return createdBy;
    }

    public void setCreatedBy(String createdBy) {
        this.createdBy = createdBy;
    }

    public long getCreatedById() {
        return createdById;
    }

    public void setCreatedById(long createdById) {
        this.createdById = createdById;
    }

    public long getCreatedUnitId() {
        return createdUnitId;
    }

    public void setCreatedUnitId(long createdUnitId) {
        this.createdUnitId = createdUnitId;
    }

    public long getUpdatedAt() {
        return updatedAt;
    }

    public void setUpdatedAt(long updatedAt) {
        this.updatedAt = updatedAt;
    }

    public String getUpdatedBy() {
        return updatedBy;
    }

    public void setUpdatedBy(String updatedBy) {
        this.updatedBy = updatedBy;
    }

    public Long getClosedAt() {
        return closedAt;
    }

    public void setClosedAt(Long closedAt) {
        this.closedAt = closedAt;
    }

    public Long getNextDeadline() {
        return nextDeadline;
    }

    public void setNextDeadline(Long nextDeadline) {
        this.nextDeadline = nextDeadline;
    }
}
