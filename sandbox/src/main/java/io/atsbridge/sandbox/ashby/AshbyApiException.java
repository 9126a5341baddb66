package io.atsbridge.sandbox.ashby;

/**
 * A request Ashby refuses: answered HTTP 200 with {@code {"success": false, "errorInfo": {"code", "message",
 * "requestId"}}}, as Ashby answers would-be 4xx errors (developers.ashbyhq.com reference/responses).
 */
final class AshbyApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String code;

    AshbyApiException(String code, String message) {
        super(message, null, false, false);
        this.code = code;
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
