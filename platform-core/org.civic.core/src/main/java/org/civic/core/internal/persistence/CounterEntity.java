package org.civic.core.internal.persistence;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/** The last business number handed out per line, region and day. */
@Entity
@Table(name = "CIVIC_COUNTER")
public class CounterEntity {

    @Id
    @Column(length = 80)
    private String counterKey;

    private long lastValue;

    public String getCounterKey() {
        return counterKey;
    }

    public void setCounterKey(String counterKey) {
        this.counterKey = counterKey;
    }

    public long getLastValue() {
        return lastValue;
    }

    public void setLastValue(long lastValue) {
        this.lastValue = lastValue;
    }
}
