package org.civic.core.internal.persistence;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.GeneratedValue;
import javax.persistence.GenerationType;
import javax.persistence.Id;
import javax.persistence.Index;
import javax.persistence.Table;

/** A link between two work items (merged-into, converted-from, parent, ...). */
@Entity
@Table(name = "CIVIC_ITEM_LINK", indexes = {@Index(name = "IX_ITEM_LINK_1", columnList = "FROMITEM"), @Index(name = "IX_ITEM_LINK_2", columnList = "TOITEM")})
public class ItemLinkEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private long id;

    private long fromItem;

    private long toItem;

    @Column(length = 30, nullable = false)
    private String kind;

    private long at;

    public long getId() {
        return id;
    }

    public void setId(long id) {
        this.id = id;
    }

    public long getFromItem() {
        return fromItem;
    }

    public void setFromItem(long fromItem) {
        this.fromItem = fromItem;
    }

    public long getToItem() {
        return toItem;
    }

    public void setToItem(long toItem) {
        this.toItem = toItem;
    }

    public String getKind() {
        return kind;
    }

    public void setKind(String kind) {
        this.kind = kind;
    }

    public long getAt() {
        return at;
    }

    public void setAt(long at) {
        this.at = at;
    }
}
