package io.atsbridge.connectors.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How a vendor's signed time is checked when the vendor does not document whether it signs a retry anew: a time in
 * the future must be within the window, as always; a time in the past may be up to the late-retry horizon old, since
 * the delivery may be the vendor's retry of one this platform never stored (an outage longer than the window must
 * not turn the vendor's retries into refusals, and the vendor gives up after its last retry). Letting such a
 * delivery through is safe because the inbox stores each delivery key once, for good: a late copy of a stored
 * delivery is acknowledged as a duplicate and changes nothing. Older than the horizon is refused as a replay.
 *
 * @param horizon how long after its signed time a delivery is still taken; at most the window's tolerance turns the
 *                allowance off
 * @param vendor  the vendor, for messages
 * @param setting the setting that holds the horizon, for messages (e.g. {@code atsbridge.gateway.webhooks.lever-retry-horizon})
 */
public record SignedTimes(TimestampWindow window, Duration horizon, String vendor, String setting) {

    public SignedTimes {
        Objects.requireNonNull(window, "window");
        if (horizon.isNegative()) {
            throw new IllegalArgumentException("horizon: " + horizon + " (expected: >= 0)");
        }
    }

    /** Parses the signed time ({@link TimestampWindow#parse}). */
    public Instant parse(WebhookRequest request, String value, String where, boolean millis) {
        return window.parse(request, value, where, millis);
    }

    /** @throws WebhookRejection 401 TIMESTAMP_OUT_OF_WINDOW when the time is neither within the window nor a possible late retry */
    public void check(WebhookRequest request, Instant signedAt, String where) {
        Instant received = request.receiveTime();
        if (signedAt.isBefore(received) && Duration.between(signedAt, received).compareTo(horizon) <= 0) {
            // Fresh, or a possible late retry within the horizon: the inbox's delivery key decides (see the class comment).
            return;
        }
        if (signedAt.isBefore(received) && horizon.compareTo(window.tolerance()) > 0) {
            throw new WebhookRejection(401, "TIMESTAMP_OUT_OF_WINDOW", where + " is "
                    + Duration.between(signedAt, received).toSeconds() + " s old for connection " + request.connectionId()
                    + ", older than the " + horizon.toSeconds() + " s within which a late " + vendor + " retry is taken ("
                    + setting + "); this is a replay of an old delivery");
        }
        window.check(request, signedAt, where);
    }
}
