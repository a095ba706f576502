package org.civic.core.api.spi;

/** A role a plugin (or the platform) declares, with its console labels. */
public record RoleDefinition(String id, String labelZh, String labelEn) {
}
