package io.atsbridge.adapter.engine.persistence;

import io.atsbridge.adapter.engine.domain.AuditEntry;
import io.atsbridge.adapter.engine.domain.ClaimedEvent;
import io.atsbridge.adapter.outbound.domain.OutboundEvent;
import io.atsbridge.adapter.outbound.domain.OutboundEventType;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The subscribers' events of the sync engine's steps. Every step that matters to a downstream system
 * already writes an audit record in the transaction of its state change (the outbox); the events are
 * derived from those records in the same transaction, so an event exists exactly when its step
 * happened, once (its id is derived from the audit record's). The data are the audit record's ids and
 * codes — never personal data.
 */
public final class SyncEventsFromAudit {

    /** The audit actions that become events (as the sync engine names them). */
    static final String WRITEBACK_WRITTEN = "writeback.written";
    static final String WRITEBACK_CONFLICT = "writeback.conflict";
    static final String INTERVIEW_BLOCKED = "interview.blocked";
    static final String WRITEBACK_BLOCKED = "writeback.blocked";
    /** Consent decisions that a person can act on: ask for consent, or give the notice and wait. */
    private static final Set<String> CONSENT_NEEDED = Set.of("DECISION_REQUIRE_CONSENT", "DECISION_REQUIRE_NOTICE",
            "REQUIRE_CONSENT", "REQUIRE_NOTICE");

    private SyncEventsFromAudit() {
    }

    /** The events the audit records report, in their order. */
    public static List<OutboundEvent> from(List<AuditEntry> entries) {
        List<OutboundEvent> events = new ArrayList<>();
        for (AuditEntry entry : entries) {
            String type = switch (entry.action()) {
                case WRITEBACK_WRITTEN -> OutboundEventType.SYNC_SUCCEEDED.wireName();
                case WRITEBACK_CONFLICT -> OutboundEventType.SYNC_CONFLICT.wireName();
                case INTERVIEW_BLOCKED, WRITEBACK_BLOCKED -> CONSENT_NEEDED.contains(entry.attributes().getOrDefault("decision", ""))
                        ? OutboundEventType.CONSENT_REQUIRED.wireName() : null;
                default -> null;
            };
            if (type == null) {
                continue;
            }
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("connection_id", entry.connectionId());
            data.put("application_id", entry.subjectRef());
            data.put("trace_id", entry.traceId());
            data.putAll(entry.attributes());
            events.add(new OutboundEvent("evt_" + entry.recordId(), entry.tenantId(), type, entry.occurTime(), data));
        }
        return events;
    }

    /** {@code sync.failed}: an inbox event ended FAILED (a dead letter) with the error an operator reads. */
    public static OutboundEvent failed(ClaimedEvent event, String error, Instant at) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("connection_id", event.connectionId());
        data.put("inbox_event_id", event.id());
        data.put("event_type", event.eventType().name());
        data.put("vendor_event_type", event.vendorEventType());
        data.put("delivery_key", event.deliveryKey());
        data.put("attempts", event.attempts());
        data.put("error", error);
        // Per claim: a dead letter replayed and failing again is news again.
        return new OutboundEvent("evt_failed_" + event.id() + "_" + event.claims(), event.tenantId(), OutboundEventType.SYNC_FAILED.wireName(),
                at, data);
    }
}
