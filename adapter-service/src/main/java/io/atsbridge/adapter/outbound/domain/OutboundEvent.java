package io.atsbridge.adapter.outbound.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atsbridge.platform.context.CallContext;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One event for the tenant's subscribers. Publishing the same event id again (a retried transaction, a
 * replayed inbox event) delivers nothing new: each subscriber gets an event id once.
 *
 * @param id        the event's id, stable for the fact it reports (e.g. the inbox event id and the step),
 *                  1..100 letters, digits, '.', '_', ':' or '-'
 * @param tenantId  the tenant whose subscribers receive it
 * @param type      the wire name, one of {@link OutboundEventType#names()}
 * @param occurTime when the reported fact happened; the payload's {@code timestamp}
 * @param data      the payload's {@code data}: JSON values only (strings, numbers, booleans, lists, maps,
 *                  nulls). It may hold personal data and is therefore never logged.
 */
public record OutboundEvent(String id, String tenantId, String type, Instant occurTime, Map<String, Object> data) {

    /** Event ids: what is safe in a header and a log line. */
    public static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,100}");
    /** The largest JSON body sent (the column holds more; receivers commonly refuse more). */
    public static final int MAX_PAYLOAD_BYTES = 256 * 1024;

    /** Immutable once built; writes the payload with the order of the data map kept. */
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    public OutboundEvent {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("outbound event id: '" + id + "' (expected: 1..100 letters, digits, "
                    + "'.', '_', ':' or '-')");
        }
        if (tenantId == null || !CallContext.TENANT_ID.matcher(tenantId).matches()) {
            throw new IllegalArgumentException("outbound event " + id + ": tenant '" + tenantId
                    + "' (expected: 1..63 lower-case letters, digits or '-')");
        }
        if (type == null || OutboundEventType.parse(type).isEmpty()) {
            throw new IllegalArgumentException("outbound event " + id + ": type '" + type + "' (expected: one of "
                    + OutboundEventType.names() + ")");
        }
        if (occurTime == null) {
            throw new IllegalArgumentException("outbound event " + id + ": occurTime is null (expected: when it happened)");
        }
        data = data == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(data));
    }

    /** The type as an enum value. */
    public OutboundEventType eventType() {
        return OutboundEventType.parse(type).orElseThrow();
    }

    /**
     * The Standard Webhooks body, exactly as it is stored and signed:
     * {@code {"type":"sync.succeeded","timestamp":"2026-01-02T03:04:05.123456Z","data":{...}}}.
     *
     * @throws IllegalArgumentException when data holds something that is not a JSON value, or the body
     *                                  is larger than {@link #MAX_PAYLOAD_BYTES}
     */
    public String payload() {
        ObjectNode body = JSON.createObjectNode();
        body.put("type", type);
        // Microseconds: what the database keeps, so a stored event reads back as it was published.
        body.put("timestamp", occurTime.truncatedTo(ChronoUnit.MICROS).toString());
        String text;
        try {
            body.set("data", JSON.valueToTree(data));
            text = JSON.writeValueAsString(body);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            // Name the problem, not the data: it may be personal.
            throw new IllegalArgumentException("outbound event " + id + ": data is not made of JSON values "
                    + "(strings, numbers, booleans, lists, maps)", e);
        }
        int size = text.getBytes(StandardCharsets.UTF_8).length;
        if (size > MAX_PAYLOAD_BYTES) {
            throw new IllegalArgumentException("outbound event " + id + ": payload is " + size + " bytes (expected: "
                    + "at most " + MAX_PAYLOAD_BYTES + "; send references, not documents)");
        }
        return text;
    }

    @Override
    public String toString() {
        // Never print the data: it may hold personal data.
        return "OutboundEvent[" + id + ", tenant " + tenantId + ", " + type + ", " + occurTime + "]";
    }
}
