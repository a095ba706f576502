package org.civic.core.api;

/**
 * A part of the platform that must be ready before {@code GET /api/v1/health} answers UP. Registered as
 * an OSGi service; the health resource reports each by name.
 */
public interface HealthIndicator {

    String name();

    boolean isUp();
}
