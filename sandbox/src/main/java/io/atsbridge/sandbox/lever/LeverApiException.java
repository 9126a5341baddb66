package io.atsbridge.sandbox.lever;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atsbridge.sandbox.http.SandboxJson;

/**
 * A Lever error answer, {@code {"code": ..., "message": ...}} as Lever documents its errors. The codes for 400
 * and 404 are not documented; assumed {@code BadRequestError} and {@code ResourceNotFound}.
 */
final class LeverApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;

    LeverApiException(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    static LeverApiException badRequest(String message) {
        return new LeverApiException(400, "BadRequestError", message);
    }

    static LeverApiException notFound(String what, String id) {
        return new LeverApiException(404, "ResourceNotFound", what + " " + id + " was not found in this Lever account");
    }

    int status() {
        return status;
    }

    ObjectNode body() {
        return body(code, getMessage());
    }

    static ObjectNode body(String code, String message) {
        return SandboxJson.object().put("code", code).put("message", message);
    }
}
