package org.civic.core.internal.persistence;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.GeneratedValue;
import javax.persistence.GenerationType;
import javax.persistence.Id;
import javax.persistence.Index;
import javax.persistence.Table;
import javax.persistence.UniqueConstraint;

/** A yellow or red card, raised once per clock and colour. */
@Entity
@Table(name = "CIVIC_CARD", uniqueConstraints = @UniqueConstraint(columnNames = {"CLOCKID", "COLOUR"}), indexes = @Index(name = "IX_CARD_1", columnList = "ITEMID"))
public class CardEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private long id;

    private long itemId;

    private long assignmentId;

    private long clockId;

    @Column(length = 40)
    private String clockName;

    @Column(length = 10, nullable = false)
    private String colour;

    private long raisedAt;

    private long unitId;

    @Column(length = 30)
    private String line;

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

    public long getClockId() {
        return clockId;
    }

    public void setClockId(long clockId) {
        this.clockId = clockId;
    }

    public String getClockName() {
        return clockName;
    }

    public void setClockName(String clockName) {
        this.clockName = clockName;
    }

    public String getColour() {
        return colour;
    }

    public void setColour(String colour) {
        this.colour = colour;
    }

    public long getRaisedAt() {
        return raisedAt;
    }

    public void setRaisedAt(long raisedAt) {
        this.raisedAt = raisedAt;
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
}
