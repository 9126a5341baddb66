package io.atsbridge.adapter.domain;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;

/**
 * An inbox event the engine gave up on (a permanent vendor error, or retries exhausted), with the
 * error it recorded.
 *
 * @param arrival its position in the inbox's arrival order (the paging position)
 */
public record DeadLetter(String eventId, String connectionId, Vendor vendor, EventType eventType, String vendorEventType,
                         String deliveryKey, int attempts, String error, Instant receiveTime,
                         @Nullable Instant failTime, long arrival) {
}
