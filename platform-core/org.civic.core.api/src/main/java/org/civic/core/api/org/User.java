package org.civic.core.api.org;

import java.time.OffsetDateTime;
import java.util.List;

/** A platform user. Never carries the password hash. */
public record User(
        long id,
        String loginName,
        String displayName,
        String mobile,
        long unitId,
        List<String> roles,
        UserStatus status,
        boolean mustChangePassword,
        OffsetDateTime lastLoginAt,
        long version,
        String createdBy,
        OffsetDateTime createdAt,
        String updatedBy,
        OffsetDateTime updatedAt) {
}
