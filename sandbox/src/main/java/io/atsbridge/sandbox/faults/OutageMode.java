package io.atsbridge.sandbox.faults;

/** How a vendor that is down fails its requests. */
public enum OutageMode {
    /** Every request is answered {@code 503 Service Unavailable}, as a vendor in maintenance does. */
    UNAVAILABLE,
    /** Every connection is closed without an answer, as a vendor behind a dead load balancer looks. */
    DROP_CONNECTION
}
