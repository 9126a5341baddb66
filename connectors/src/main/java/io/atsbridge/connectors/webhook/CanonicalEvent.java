package io.atsbridge.connectors.webhook;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.List;

/**
 * What the gateway understood of a vendor event, before it is handed to the inbox.
 *
 * @param eventType       the canonical type's name as in {@code atsbridge.common.v1.EventType} without prefix, e.g. STAGE_CHANGED
 * @param vendorEventType the vendor's own name, e.g. {@code candidate_stage_change}
 * @param refs            the ids the event names
 * @param occurTime       when the vendor says it happened, if it says
 * @param deliveryKey     the vendor's delivery id, identical across its retries
 */
public record CanonicalEvent(String eventType, String vendorEventType, List<Ref> refs,
                             @Nullable Instant occurTime, String deliveryKey) {

    /** One id the event names; kind as in {@code ExternalKind} without prefix, e.g. CANDIDATE. */
    public record Ref(String kind, String id) {
    }
}
