package io.atsbridge.connectors.webhook;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * What every vendor's webhook scheme is made with.
 *
 * @param window            how far a signed timestamp may be from the receive time
 * @param lateRetryHorizons by vendor name, how long after its signed time a delivery is still taken as a possible late
 *                          retry, for vendors whose retries may keep the original signed time (Lever, SmartRecruiters,
 *                          Teamtailor: none documents whether it signs a retry anew); a vendor without one, or with
 *                          one of at most the window's tolerance, has no allowance
 */
public record WebhookSettings(TimestampWindow window, Map<String, Duration> lateRetryHorizons) {

    public WebhookSettings {
        Objects.requireNonNull(window, "window");
        lateRetryHorizons = Map.copyOf(lateRetryHorizons);
        lateRetryHorizons.forEach((vendor, horizon) -> {
            if (horizon.isNegative()) {
                throw new IllegalArgumentException("lateRetryHorizons." + vendor + ": " + horizon + " (expected: >= 0)");
            }
        });
    }

    /** With the window alone: no vendor gets a late-retry allowance. */
    public static WebhookSettings of(TimestampWindow window) {
        return new WebhookSettings(window, Map.of());
    }

    /** The vendor's late-retry horizon, {@link Duration#ZERO} when it has none. */
    public Duration lateRetryHorizon(String vendor) {
        return lateRetryHorizons.getOrDefault(vendor, Duration.ZERO);
    }

    /**
     * The vendor's signed times: the window, with the vendor's late-retry horizon for times in the past. Messages name
     * the gateway's setting for it, {@code atsbridge.gateway.webhooks.<vendor>-retry-horizon}.
     */
    public SignedTimes signedTimes(String vendor) {
        return new SignedTimes(window, lateRetryHorizon(vendor), vendor,
                "atsbridge.gateway.webhooks." + vendor.toLowerCase(java.util.Locale.ROOT) + "-retry-horizon");
    }
}
