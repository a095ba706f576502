package org.civic.core.rest;

import java.util.Map;

/** The JSON shape of every error: {@code {"code": "...", "message": "...", "details": {...}}}. */
public record ErrorBody(String code, String message, Map<String, Object> details) {
}
