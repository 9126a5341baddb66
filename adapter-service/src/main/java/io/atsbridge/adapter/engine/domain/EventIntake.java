package io.atsbridge.adapter.engine.domain;

import io.atsbridge.adapter.connections.domain.Connection;
import io.atsbridge.adapter.connections.domain.ConnectionDirectory;
import io.atsbridge.adapter.connections.domain.Vendor;
import io.atsbridge.platform.error.DomainException;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Takes vendor events from the edge into the {@link Inbox}. Every event of a batch is checked
 * before anything is written, first its own fields, then its connection; one bad event rejects the
 * whole batch, so the edge can answer the vendor with one status and the vendor retries it whole.
 */
@Singleton
public final class EventIntake {

    static final int MAX_EVENTS = 100;
    static final int MAX_DELIVERY_KEY = 200;
    static final int MAX_BODY_BYTES = 1024 * 1024;
    static final int MAX_REFS = 50;
    static final int MAX_REF_ID = 200;
    static final int MAX_TEXT = 200;
    private static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private final ConnectionDirectory directory;
    private final Inbox inbox;
    private final Clock clock;

    EventIntake(ConnectionDirectory directory, Inbox inbox, Clock clock) {
        this.clock = clock;
        this.directory = directory;
        this.inbox = inbox;
    }

    /**
     * Checks and stores a batch of events for the tenant.
     *
     * @return one receipt per event, in request order
     * @throws DomainException INVALID_ARGUMENT for a malformed event or a vendor that is not the
     *                         connection's; NOT_FOUND when a connection does not exist in the tenant;
     *                         FAILED_PRECONDITION when a connection is disabled. Nothing is stored then.
     */
    public List<InboxReceipt> ingest(String tenantId, List<IncomingEvent> events) {
        DomainException.checkArgument(!events.isEmpty() && events.size() <= MAX_EVENTS, "EVENT_COUNT_INVALID",
                "events: %s (expected: 1..%s events per call; split larger batches)", events.size(), MAX_EVENTS);
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        List<InboxEvent> checked = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            checked.add(checkFields(tenantId, "events[" + i + "]", events.get(i), now));
        }
        Map<String, Optional<Connection>> connections = new HashMap<>();
        for (int i = 0; i < checked.size(); i++) {
            InboxEvent event = checked.get(i);
            Connection connection = connections
                    .computeIfAbsent(event.connectionId(), id -> directory.find(tenantId, id))
                    .orElseThrow(() -> ConnectionDirectory.notFound(tenantId, event.connectionId()));
            if (!connection.enabled()) {
                throw DomainException.failedPrecondition("CONNECTION_DISABLED",
                        "events[%s]: connection %s is disabled and accepts no events; enable it in configuration "
                                + "(atsbridge.connections.%s.enabled) or stop the webhook at the vendor",
                        i, connection.id(), connection.id());
            }
            DomainException.checkArgument(connection.vendor() == event.vendor(), "VENDOR_MISMATCH",
                    "events[%s].vendor: %s (expected: %s, the vendor of connection %s)",
                    i, event.vendor(), connection.vendor(), connection.id());
        }
        return inbox.append(checked);
    }

    private static InboxEvent checkFields(String tenantId, String field, IncomingEvent event, Instant now) {
        ConnectionDirectory.checkId(event.connectionId(), field + ".connection_id");
        DomainException.checkArgument(event.vendor() != null, "VENDOR_MISSING",
                "%s.vendor is unset (expected: the vendor of connection %s, e.g. VENDOR_GREENHOUSE)",
                field, event.connectionId());
        DomainException.checkArgument(event.eventType() != null, "EVENT_TYPE_MISSING",
                "%s.event_type is unset or unknown (expected: e.g. EVENT_TYPE_STAGE_CHANGED, "
                        + "or EVENT_TYPE_OTHER for an event that needs no action)", field);
        String key = event.deliveryKey();
        DomainException.checkArgument(!key.isEmpty(), "DELIVERY_KEY_MISSING",
                "%s.delivery_key is empty (expected: the vendor's delivery id, e.g. the Greenhouse-Event-ID "
                        + "or webhook-id header)", field);
        DomainException.checkArgument(key.codePointCount(0, key.length()) <= MAX_DELIVERY_KEY, "DELIVERY_KEY_INVALID",
                "%s.delivery_key is %s characters (expected: 1..%s)",
                field, key.codePointCount(0, key.length()), MAX_DELIVERY_KEY);
        // The database ignores trailing spaces when it compares keys; such keys could collide.
        DomainException.checkArgument(key.equals(key.strip()) && key.chars().noneMatch(Character::isISOControl),
                "DELIVERY_KEY_INVALID",
                "%s.delivery_key has leading or trailing white space or control characters "
                        + "(expected: the vendor's delivery id exactly, without padding)", field);
        DomainException.checkArgument(event.rawBody().length <= MAX_BODY_BYTES, "BODY_TOO_LARGE",
                "%s.raw_body is %s bytes (expected: at most %s; the edge must refuse larger webhooks)",
                field, event.rawBody().length, MAX_BODY_BYTES);
        checkText(field + ".vendor_event_type", event.vendorEventType());
        checkText(field + ".content_type", event.contentType());
        DomainException.checkArgument(event.externalRefs().size() <= MAX_REFS, "EXTERNAL_REFS_TOO_MANY",
                "%s.external_refs has %s refs (expected: at most %s)", field, event.externalRefs().size(), MAX_REFS);
        // Not null: the checks above refused a missing vendor and event type.
        Vendor vendor = Objects.requireNonNull(event.vendor(), "VENDOR_MISSING was checked");
        EventType eventType = Objects.requireNonNull(event.eventType(), "EVENT_TYPE_MISSING was checked");
        List<EventRef> refs = new ArrayList<>(event.externalRefs().size());
        for (int r = 0; r < event.externalRefs().size(); r++) {
            refs.add(checkRef(field + ".external_refs[" + r + "]", event.externalRefs().get(r), event.connectionId(), vendor));
        }
        Instant occurTime = checkTime(field + ".occur_time", event.occurTime());
        Instant receiveTime = checkTime(field + ".receive_time", event.receiveTime());
        return new InboxEvent(tenantId, event.connectionId(), vendor, eventType, event.vendorEventType(),
                refs, occurTime, key, event.rawBody(), event.contentType(), receiveTime == null ? now : receiveTime);
    }

    private static EventRef checkRef(String field, EventRef ref, String eventConnectionId, Vendor eventVendor) {
        DomainException.checkArgument(!ref.kind().isEmpty(), "EXTERNAL_REF_INCOMPLETE",
                "%s.kind is unset (expected: e.g. EXTERNAL_KIND_CANDIDATE)", field);
        DomainException.checkArgument(!ref.id().isEmpty() && ref.id().codePointCount(0, ref.id().length()) <= MAX_REF_ID,
                "EXTERNAL_REF_INCOMPLETE", "%s.id: '%s' (expected: 1..%s characters)", field,
                ref.id().length() > MAX_REF_ID ? ref.id().substring(0, MAX_REF_ID) + "..." : ref.id(), MAX_REF_ID);
        String connectionId = ref.connectionId().isEmpty() ? eventConnectionId : ref.connectionId();
        ConnectionDirectory.checkId(connectionId, field + ".connection_id");
        String vendor = ref.vendor().isEmpty() ? eventVendor.name() : ref.vendor();
        return new EventRef(connectionId, vendor, ref.kind(), ref.id());
    }

    private static void checkText(String field, String value) {
        DomainException.checkArgument(value.codePointCount(0, value.length()) <= MAX_TEXT, "FIELD_TOO_LONG",
                "%s is %s characters (expected: at most %s)", field, value.codePointCount(0, value.length()), MAX_TEXT);
    }

    @Nullable
    private static Instant checkTime(String field, @Nullable Instant time) {
        if (time == null) {
            return null;
        }
        DomainException.checkArgument(!time.isBefore(EARLIEST) && !time.isAfter(LATEST), "TIME_INVALID",
                "%s: %s (expected: a time between %s and %s)", field, time, EARLIEST, LATEST);
        return time.truncatedTo(ChronoUnit.MICROS);
    }
}
