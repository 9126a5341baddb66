package io.atsbridge.adapter.outbound.domain;

/** Why a subscriber receives nothing. */
public enum DisabledCause {
    /** Configuration declares it with {@code enabled: false}. */
    CONFIGURATION,
    /** Configuration no longer declares it. */
    UNDECLARED,
    /** Its endpoint answered {@code 410 Gone}. */
    GONE,
    /** Its deliveries failed for too long (sustained failure). */
    FAILING;

    /** Whether the relay disabled it (as opposed to configuration): declaring it again unchanged keeps it disabled. */
    public boolean byDelivery() {
        return this == GONE || this == FAILING;
    }
}
