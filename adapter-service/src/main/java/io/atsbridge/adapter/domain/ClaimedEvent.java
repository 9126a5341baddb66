package io.atsbridge.adapter.domain;

import java.time.Instant;

/**
 * An inbox event a worker claimed: it holds the lease until {@code leaseUntil}. The pair (id,
 * attempts) identifies this claim, so a worker whose lease ran out cannot overwrite the outcome of
 * the worker that claimed the event after it.
 *
 * @param attempts the number of this attempt, 1 for the first
 * @param arrival  the inbox's arrival order
 */
public record ClaimedEvent(
        String id,
        String tenantId,
        String connectionId,
        Vendor vendor,
        EventType eventType,
        String vendorEventType,
        String deliveryKey,
        byte[] rawBody,
        Instant receiveTime,
        int attempts,
        long arrival,
        Instant leaseUntil) {

    @Override
    public String toString() {
        // The body may hold personal data: never print it.
        return "ClaimedEvent[" + id + ", " + connectionId + "/" + deliveryKey + ", " + eventType + ", attempt " + attempts + "]";
    }
}
