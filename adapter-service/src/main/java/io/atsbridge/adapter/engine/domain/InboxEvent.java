package io.atsbridge.adapter.engine.domain;

import io.atsbridge.adapter.connections.domain.Vendor;
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

    /**
     * The vendor event type of the stage events a backfill puts into the inbox: the engine reads the application's
     * current stage from the ATS for them instead of taking it from the event.
     */
    public static final String BACKFILL_TYPE = "atsbridge.backfill";


    public InboxEvent {
        externalRefs = List.copyOf(externalRefs);
    }

    /**
     * The key that orders this event among others: events with the same key are processed one at a time,
     * in arrival order. The application the event names (with the connection that issued its id), else the
     * interview, else null (no order needed).
     */
    @Nullable
    public String orderingKey() {
        for (String kind : new String[] {"APPLICATION", "INTERVIEW"}) {
            for (EventRef ref : externalRefs) {
                if (kind.equals(ref.kind()) && !ref.id().isEmpty()) {
                    String connection = ref.connectionId().isEmpty() ? connectionId : ref.connectionId();
                    String key = connection + "/" + kind.toLowerCase(java.util.Locale.ROOT) + "/" + ref.id();
                    // Longer ids than the column holds still order correctly by their hash.
                    return key.length() <= 320 ? key : connection + "/" + kind + "#" + Integer.toHexString(key.hashCode());
                }
            }
        }
        return null;
    }

    @Override
    public String toString() {
        // The body may hold personal data: never print it.
        return "InboxEvent[" + connectionId + "/" + deliveryKey + ", " + vendor + " " + eventType + ", "
                + rawBody.length + " bytes]";
    }
}
