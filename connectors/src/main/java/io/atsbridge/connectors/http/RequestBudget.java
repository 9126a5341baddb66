package io.atsbridge.connectors.http;

import java.time.Duration;

/**
 * The requests a vendor's API takes: at most {@code requests} per {@code window}, as the vendor documents it, paced
 * to until the vendor's own headers say more ({@link RequestGovernor}).
 */
public record RequestBudget(int requests, Duration window) {

    /** Assumed for vendors that document no limit (AI vendors): 20 requests a second. */
    public static final RequestBudget UNDOCUMENTED = new RequestBudget(20, Duration.ofSeconds(1));

    public RequestBudget {
        if (requests < 1) {
            throw new IllegalArgumentException("requests: " + requests + " (expected: > 0)");
        }
        if (window.isZero() || window.isNegative()) {
            throw new IllegalArgumentException("window: " + window + " (expected: > 0)");
        }
    }
}
