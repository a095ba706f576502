package org.civic.core.rest;

/**
 * Marker of a JAX-RS resource that joins the platform's REST application under {@code /api/v1}.
 * Register the resource as a DS component with {@code service = RestResource.class}; the platform
 * adds it to the application (authentication, JSON, error mapping and OpenAPI included) and removes it
 * when the bundle goes away.
 */
public interface RestResource {
}
