package org.civic.core.internal.persistence;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/** Platform bookkeeping that must survive restarts, e.g. which demo data sets were loaded. */
@Entity
@Table(name = "CIVIC_SETTING")
public class SettingEntity {

    @Id
    @Column(name = "SETTING_KEY", length = 100)
    private String key;

    @Column(length = 1000)
    private String value;

    public String getKey() {
        return key;
    }

    public void setKey(String key) {
        this.key = key;
    }

    public String getValue() {
        return value;
    }

    public void setValue(String value) {
        this.value = value;
    }
}
