package org.civic.core.api.org;

import java.util.List;

/** Body of create and update requests for a user. {@code password} is only read on create. */
public record UserInput(
        String loginName,
        String displayName,
        String password,
        Long unitId,
        List<String> roles,
        String mobile,
        String status,
        Long version) {
}
