package io.atsbridge.adapter.domain;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.List;

/**
 * A checked vendor event, ready for the inbox: its connection exists in its tenant, is enabled and
 * has the event's vendor; times are UTC at microsecond precision.
 *
 * @param deliveryKey the vendor's id of this delivery; with the connection, it identifies the event in the inbox
 */
public record InboxEvent(
        String tenantId,
        String connectionId,
        Vendor vendor,
        EventType eventType,
        String vendorEventType,
        List<EventRef> externalRefs,
        @Nullable Instant occurTime,
        String deliveryKey,
        byte[] rawBody,
        String contentType,
        Instant receiveTime) {

    public InboxEvent {
        externalRefs = List.copyOf(externalRefs);
    }

    @Override
    public String toString() {
        // The body may hold personal data: never print it.
        return "InboxEvent[" + connectionId + "/" + deliveryKey + ", " + vendor + " " + eventType + ", "
                + rawBody.length + " bytes]";
    }
}
