package org.civic.core.internal.persistence;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Lob;
import javax.persistence.Table;

/** The first answer to a request sent with an Idempotency-Key, replayed for repeats. */
@Entity
@Table(name = "CIVIC_IDEMPOTENCY")
public class IdempotencyEntity {

    @Id
    @Column(length = 200)
    private String requestKey;

    @Column(length = 64)
    private String requestHash;

    private int status;

    @Lob
    private String body;

    private long at;

    public String getRequestKey() {
        return requestKey;
    }

    public void setRequestKey(String requestKey) {
        this.requestKey = requestKey;
    }

    public String getRequestHash() {
        return requestHash;
    }

    public void setRequestHash(String requestHash) {
        this.requestHash = requestHash;
    }

    public int getStatus() {
        return status;
    }

    public void setStatus(int status) {
        this.status = status;
    }

    public String getBody() {
        return body;
    }

    public void setBody(String body) {
        this.body = body;
    }

    public long getAt() {
        return at;
    }

    public void setAt(long at) {
        this.at = at;
    }
}
