package io.atsbridge.sandbox.faults;

/** The kinds of fault the sandbox injects, as counted in {@link FaultStats}. */
public enum FaultKind {
    /** A random share of requests answered 500, 502 or 503 without reaching the endpoint. */
    SERVER_ERROR,
    /** A request held for a fixed time before it went on (the endpoint still runs). */
    LATENCY,
    /** The vendor down: answered 503 without reaching the endpoint. */
    OUTAGE,
    /** The vendor down: the connection closed without an answer. */
    CONNECTION_DROPPED,
    /** A request of a 429 storm: answered 429 with {@code Retry-After} without reaching the endpoint. */
    RATE_LIMIT_STORM
}
