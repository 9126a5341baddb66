package io.atsbridge.connectors.webhook;

import java.time.Duration;
import java.time.Instant;

/**
 * The replay window of signed timestamps: a signature older (or further in the future) than the
 * tolerance is refused, so a captured request cannot be replayed later.
 */
public record TimestampWindow(Duration tolerance) {

    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

    public TimestampWindow {
        if (tolerance.isNegative() || tolerance.isZero()) {
            throw new IllegalArgumentException("tolerance: " + tolerance + " (expected: > 0)");
        }
    }

    /** Parses whole seconds or milliseconds since the epoch, as the header or field documents. */
    public Instant parse(WebhookRequest request, String value, String where, boolean millis) {
        long number;
        try {
            number = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new WebhookRejection(401, "TIMESTAMP_INVALID", where + " is not unix " + (millis ? "milliseconds" : "seconds")
                    + " for connection " + request.connectionId());
        }
        return millis ? Instant.ofEpochMilli(number) : Instant.ofEpochSecond(number);
    }

    /** @throws WebhookRejection 401 TIMESTAMP_OUT_OF_WINDOW when the instant is too far from the receive time */
    public void check(WebhookRequest request, Instant signedAt, String where) {
        Duration skew = Duration.between(signedAt, request.receiveTime()).abs();
        if (skew.compareTo(tolerance) > 0) {
            throw new WebhookRejection(401, "TIMESTAMP_OUT_OF_WINDOW", where + " is " + skew.toSeconds()
                    + " s away from now for connection " + request.connectionId() + " (allowed: " + tolerance.toSeconds()
                    + " s); check the sender's clock, or this is a replay of an old delivery");
        }
    }
}
