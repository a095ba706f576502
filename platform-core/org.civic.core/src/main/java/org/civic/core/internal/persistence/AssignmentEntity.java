package org.civic.core.internal.persistence;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.GeneratedValue;
import javax.persistence.GenerationType;
import javax.persistence.Id;
import javax.persistence.Index;
import javax.persistence.Table;

/** A holder of a work item: a unit (optionally a user) with a role and its own state. */
@Entity
@Table(name = "CIVIC_ASSIGNMENT", indexes = {@Index(name = "IX_ASSIGNMENT_1", columnList = "ITEMID"), @Index(name = "IX_ASSIGNMENT_2", columnList = "UNITID,ACTIVE")})
public class AssignmentEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private long id;

    private long itemId;

    private long unitId;

    @Column(length = 100)
    private String unitName;

    @Column(length = 15)
    private String unitRegionCode;

    private Long userId;

    @Column(length = 20)
    private String role;

    @Column(length = 40, nullable = false)
    private String state;

    private boolean active;

    @Column(length = 300)
    private String previousUnits;

    private long createdAt;

    private long updatedAt;

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

    public long getUnitId() {
        return unitId;
    }

    public void setUnitId(long unitId) {
        this.unitId = unitId;
    }

    public String getUnitName() {
        return unitName;
    }

    public void setUnitName(String unitName) {
        this.unitName = unitName;
    }

    public String getUnitRegionCode() {
        return unitRegionCode;
    }

    public void setUnitRegionCode(String unitRegionCode) {
        this.unitRegionCode = unitRegionCode;
    }

    public Long getUserId() {
        return userId;
    }

    public void setUserId(Long userId) {
        this.userId = userId;
    }

    public String getRole() {
        return role;
    }

    public void setRole(String role) {
        this.role = role;
    }

    public String getState() {
        return state;
    }

    public void setState(String state) {
        this.state = state;
    }

    public boolean isActive() {
        return active;
    }

    public void setActive(boolean active) {
        this.active = active;
    }

    public String getPreviousUnits() {
        return previousUnits;
    }

    public void setPreviousUnits(String previousUnits) {
        this.previousUnits = previousUnits;
    }

    public long getCreatedAt() {
        return createdAt;
    }

    public void setCreatedAt(long createdAt) {
        this.createdAt = createdAt;
    }

    public long getUpdatedAt() {
        return updatedAt;
    }

    public void setUpdatedAt(long updatedAt) {
        this.updatedAt = updatedAt;
    }
}
