package org.civic.core.rest.internal;

import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import javax.ws.rs.WebApplicationException;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.ext.ExceptionMapper;

import org.civic.core.api.CivicException;
import org.civic.core.rest.ErrorBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;

/** Turns every failure into the platform's JSON error shape; no stack trace ever reaches a client. */
final class ErrorMappers {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorMappers.class);

    private ErrorMappers() {
    }

    static Response error(int status, String code, String message, Map<String, Object> details) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8"))
                .entity(new ErrorBody(code, message, details == null ? Map.of() : details)).build();
    }

    static final class Civic implements ExceptionMapper<CivicException> {
        @Override
        public Response toResponse(CivicException e) {
            return error(e.status(), e.code(), e.getMessage(), e.details());
        }
    }

    /** A body that is not JSON, or JSON of the wrong shape for a field. */
    static final class BadJson implements ExceptionMapper<JsonProcessingException> {
        @Override
        public Response toResponse(JsonProcessingException e) {
            if (e instanceof JsonMappingException && !((JsonMappingException) e).getPath().isEmpty()) {
                String field = ((JsonMappingException) e).getPath().stream()
                        .map(r -> r.getFieldName() != null ? r.getFieldName() : String.valueOf(r.getIndex()))
                        .collect(Collectors.joining("."));
                return error(400, "INVALID_VALUE:" + field, "The value of " + field + " has the wrong type",
                        Map.of("field", field));
            }
            return error(400, "INVALID_VALUE:body", "The request body is not valid JSON", Map.of());
        }
    }

    static final class Web implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException e) {
            int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
            Throwable cause = e.getCause();
            if (cause instanceof CivicException) {
                return new Civic().toResponse((CivicException) cause);
            }
            if (cause instanceof JsonProcessingException) {
                return new BadJson().toResponse((JsonProcessingException) cause);
            }
            switch (status) {
                case 400:
                    return error(400, "INVALID_VALUE:request", "The request is malformed", Map.of());
                case 401:
                    return error(401, "UNAUTHENTICATED", "Authentication required", Map.of());
                case 403:
                    return error(403, "FORBIDDEN", "Not allowed", Map.of());
                case 404:
                    return error(404, "NOT_FOUND", "No such resource", Map.of());
                case 405:
                    return error(405, "METHOD_NOT_ALLOWED", "This method is not allowed here", Map.of());
                case 406:
                    return error(406, "NOT_ACCEPTABLE", "This resource answers application/json", Map.of());
                case 415:
                    return error(415, "UNSUPPORTED_MEDIA_TYPE", "Send the body as application/json", Map.of());
                default:
                    if (status >= 500) {
                        return internal(e);
                    }
                    return error(status, "HTTP_" + status, "The request failed", Map.of());
            }
        }
    }

    static final class Any implements ExceptionMapper<Throwable> {
        @Override
        public Response toResponse(Throwable e) {
            return internal(e);
        }
    }

    static Response internal(Throwable e) {
        String ref = UUID.randomUUID().toString();
        LOG.error("Request failed, error reference {}", ref, e);
        return error(500, "INTERNAL_ERROR", "The platform could not complete the request (reference " + ref + ")",
                Map.of("reference", ref));
    }
}
