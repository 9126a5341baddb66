package io.atsbridge.sandbox.greenhouse;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atsbridge.sandbox.http.SandboxJson;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A Harvest error answer, in Harvest's shapes: {@code {"message": ...}} or the 422 validation error. */
final class HarvestException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final transient ObjectNode body;

    private HarvestException(int status, ObjectNode body) {
        super(body.path("message").asText(), null, false, false);
        this.status = status;
        this.body = body;
    }

    int status() {
        return status;
    }

    ObjectNode body() {
        return body;
    }

    HarvestResult toResult() {
        return new HarvestResult(status, body, Map.of());
    }

    static HarvestException message(int status, String message) {
        return new HarvestException(status, SandboxJson.object().put("message", message));
    }

    static HarvestException notFound(String what, String id) {
        return message(404, what + " " + id + " not found");
    }

    /** One failed parameter of a 422. */
    record FieldError(String message, String field) {
    }

    /** Collects a request's validation errors so the 422 lists all of them at once. */
    static final class Validation {
        private final List<FieldError> errors = new ArrayList<>();

        void add(String field, String message) {
            errors.add(new FieldError(message, field));
        }

        boolean ok() {
            return errors.isEmpty();
        }

        /** Throws the 422 when any error was added. */
        void throwIfAny() {
            if (!errors.isEmpty()) {
                throw validation(errors);
            }
        }
    }

    static HarvestException validation(List<FieldError> errors) {
        ObjectNode body = SandboxJson.object().put("message", "Validation error");
        ArrayNode list = body.putArray("errors");
        errors.forEach(e -> list.addObject().put("message", e.message()).put("field", e.field()));
        return new HarvestException(422, body);
    }

    static HarvestException validation(String field, String message) {
        return validation(List.of(new FieldError(message, field)));
    }
}
