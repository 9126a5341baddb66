package io.atsbridge.adapter.engine.domain;

import io.atsbridge.adapter.connections.domain.Vendor;
import io.micronaut.core.annotation.Nullable;

import java.time.Instant;

/**
 * An inbox event a worker claimed: it holds the lease until {@code leaseUntil}. The pair (id,
 * claims) identifies this claim, so a worker whose lease ran out cannot overwrite the outcome of
 * the worker that claimed the event after it.
 *
 * @param attempts the number of this attempt, 1 for the first (a deferred attempt is given back)
 * @param claims   how many times the event was claimed, this claim included
 * @param occurTime when the vendor says the event happened, or null when it does not say
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
        @Nullable Instant occurTime,
        int attempts,
        int claims,
        long arrival,
        Instant leaseUntil) {

    @Override
    public String toString() {
        // The body may hold personal data: never print it.
        return "ClaimedEvent[" + id + ", " + connectionId + "/" + deliveryKey + ", " + eventType + ", attempt " + attempts + "]";
    }
}
