package org.civic.core.internal.persistence;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Index;
import javax.persistence.Table;

/**
 * A remembered login (docs/decisions.md 33): one row per channel and client identity, keyed by both, holding
 * the SHA-256 of the secret, never the secret.
 */
@Entity
@Table(name = "CIVIC_REMEMBERED_LOGIN", indexes = @Index(name = "IX_REMEMBERED_USER", columnList = "USERID"))
public class RememberedLoginEntity {

    /** {@code channel + ":" + identity}. */
    @Id
    @Column(length = 200)
    private String bindingKey;

    @Column(length = 20, nullable = false)
    private String channel;

    @Column(length = 128, nullable = false)
    private String identity;

    private long userId;

    @Column(length = 64, nullable = false)
    private String loginName;

    @Column(length = 64, nullable = false)
    private String secretHash;

    private long createdAt;

    private long lastUsedAt;

    private long idleMillis;

    public String getBindingKey() {
        return bindingKey;
    }

    public void setBindingKey(String bindingKey) {
        this.bindingKey = bindingKey;
    }

    public String getChannel() {
        return channel;
    }

    public void setChannel(String channel) {
        this.channel = channel;
    }

    public String getIdentity() {
        return identity;
    }

    public void setIdentity(String identity) {
        this.identity = identity;
    }

    public long getUserId() {
        return userId;
    }

    public void setUserId(long userId) {
        this.userId = userId;
    }

    public String getLoginName() {
        return loginName;
    }

    public void setLoginName(String loginName) {
        this.loginName = loginName;
    }

    public String getSecretHash() {
        return secretHash;
    }

    public void setSecretHash(String secretHash) {
        this.secretHash = secretHash;
    }

    public long getCreatedAt() {
        return createdAt;
    }

    public void setCreatedAt(long createdAt) {
        this.createdAt = createdAt;
    }

    public long getLastUsedAt() {
        return lastUsedAt;
    }

    public void setLastUsedAt(long lastUsedAt) {
        this.lastUsedAt = lastUsedAt;
    }

    public long getIdleMillis() {
        return idleMillis;
    }

    public void setIdleMillis(long idleMillis) {
        this.idleMillis = idleMillis;
    }
}
