package io.atsbridge.connectors.webhook;

import java.time.Duration;
import java.util.Objects;

/**
 * What every vendor's webhook scheme is made with.
 *
 * @param window           how far a signed timestamp may be from the receive time
 * @param lateRetryHorizon how long after its signed time a delivery is still taken as a possible late retry, for
 *                         vendors whose retries may keep the original signature (Lever); at most the window's
 *                         tolerance turns it off
 */
public record WebhookSettings(TimestampWindow window, Duration lateRetryHorizon) {

    public WebhookSettings {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(lateRetryHorizon, "lateRetryHorizon");
    }
}
