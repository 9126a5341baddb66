package io.atsbridge.sandbox.lever;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atsbridge.sandbox.http.SandboxJson;

import java.util.Objects;

/**
 * A Lever error answer, {@code {"code": ..., "message": ...}} as Lever documents its errors ("Responses and Errors",
 * whose example is {@code {"code": "ResourceNotFound", "message": "stages a80bbbe0-... was not found"}}). The codes for
 * 400 and 403 are not documented; assumed {@code BadRequestError} and {@code Forbidden}.
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

    /** The message, never null: the constructor requires one. */
    @Override
    public String getMessage() {
        return Objects.requireNonNull(super.getMessage());
    }

    static LeverApiException badRequest(String message) {
        return new LeverApiException(400, "BadRequestError", message);
    }

    /**
     * A key without access to confidential data asking for it ({@link LeverConfidentialRefusal#FORBIDDEN}); the code is
     * not documented, assumed {@code Forbidden}.
     */
    static LeverApiException confidential(String what) {
        return new LeverApiException(403, "Forbidden", "This API key does not have access to confidential data (" + what
                + "); generate a key with \"Allow access to confidential data\" (a key's access cannot be edited)");
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
