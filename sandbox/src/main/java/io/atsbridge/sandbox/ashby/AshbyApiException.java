package io.atsbridge.sandbox.ashby;

import java.util.Objects;

/**
 * A request Ashby refuses: answered HTTP 200 with {@code {"success": false, "errorInfo": {"code", "message",
 * "requestId"}}}, as Ashby answers would-be 4xx errors (developers.ashbyhq.com reference/responses).
 */
final class AshbyApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String code;
    private final int httpStatus;

    AshbyApiException(String code, String message) {
        this(code, message, 200);
    }

    /** A refusal Ashby answers with another HTTP status than 200 (a missing permission is 403). */
    AshbyApiException(String code, String message, int httpStatus) {
        super(message, null, false, false);
        this.code = code;
        this.httpStatus = httpStatus;
    }

    /** The message, never null: the constructor requires one. */
    @Override
    public String getMessage() {
        return Objects.requireNonNull(super.getMessage());
    }

    /** The HTTP status of the answer: 200 for Ashby's would-be 4xx errors, 403 for a missing permission. */
    int httpStatus() {
        return httpStatus;
    }

    /** Ashby's error code, e.g. {@code invalid_input}, {@code application_not_found}. */
    String code() {
        return code;
    }

    static AshbyApiException invalidInput(String message) {
        return new AshbyApiException("invalid_input", message);
    }

    static AshbyApiException notFound(String what, String id) {
        return new AshbyApiException(what + "_not_found", "no " + what.replace('_', ' ') + " with id " + id
                + " in this Ashby organization");
    }
}
