package io.atsbridge.sandbox.aivendor;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atsbridge.sandbox.http.SandboxJson;

import java.util.Map;

/** An error answer of the AI vendor: {@code {"error": code, "message": ..., "errors": [{field, message}]}}. */
final class AiVendorApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final transient ObjectNode body;

    AiVendorApiException(int status, String code, String message, Map<String, String> fieldErrors) {
        super(message, null, false, false);
        this.status = status;
        this.body = SandboxJson.object().put("error", code).put("message", message);
        if (!fieldErrors.isEmpty()) {
            ArrayNode errors = body.putArray("errors");
            fieldErrors.forEach((field, problem) -> errors.addObject().put("field", field).put("message", problem));
        }
    }

    AiVendorApiException(int status, String code, String message) {
        this(status, code, message, Map.of());
    }

    int status() {
        return status;
    }

    ObjectNode body() {
        return body;
    }
}
