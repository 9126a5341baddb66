package io.atsbridge.connectors.webhook;

import java.util.Objects;

/**
 * Why a webhook request is refused: the HTTP status, a machine-readable reason and a detail that
 * says what was wrong and what to fix — never a secret, never the body.
 */
public final class WebhookRejection extends RuntimeException {

    private final int status;
    private final String reason;

    public WebhookRejection(int status, String reason, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.reason = reason;
    }

    public int status() {
        return status;
    }

    public String reason() {
        return reason;
    }

    public String detail() {
        // Every constructor takes a message; the fallback only satisfies Throwable's nullable signature.
        return Objects.requireNonNullElse(getMessage(), reason);
    }

    /** The value cut to 100 characters without control characters, safe to echo in a detail. */
    public static String printable(String value) {
        String cut = value.length() > 100 ? value.substring(0, 100) + "…" : value;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
