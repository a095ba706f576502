package org.civic.core.api.org;

/** Status of a user. LOCKED ends by itself when the lock time has passed. */
public enum UserStatus {
    ACTIVE,
    LOCKED,
    DISABLED
}
