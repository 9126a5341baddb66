package io.atsbridge.adapter.engine.domain;

import io.atsbridge.adapter.connections.domain.Vendor;
import io.micronaut.core.annotation.Nullable;

import java.time.Instant;

/**
 * An inbox event the engine gave up on (a permanent failure, or retries exhausted), with the
 * error it recorded, which ends with the failure's reason code ({@code [reason: VENDOR_REFUSED]}).
 *
 * @param arrival its position in the inbox's arrival order (the paging position)
 */
public record DeadLetter(String eventId, String connectionId, Vendor vendor, EventType eventType, String vendorEventType,
                         String deliveryKey, int attempts, String error, Instant receiveTime,
                         @Nullable Instant failTime, long arrival) {
}
