package io.atsbridge.adapter.engine.domain;

import io.atsbridge.adapter.connections.domain.Vendor;
import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.List;

/**
 * A vendor event as the edge handed it over, not yet checked. Unset enums are null; unset strings are empty.
 *
 * @param externalRefs refs whose connection id or vendor is empty belong to the event's own connection
 * @param occurTime    when the vendor says it happened, or null when it does not say
 * @param receiveTime  when the edge received it, or null for now
 */
public record IncomingEvent(
        String connectionId,
        @Nullable Vendor vendor,
        @Nullable EventType eventType,
        String vendorEventType,
        List<EventRef> externalRefs,
        @Nullable Instant occurTime,
        String deliveryKey,
        byte[] rawBody,
        String contentType,
        @Nullable Instant receiveTime) {
}
