package io.atsbridge.adapter.outbound.domain;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Outbound events as published: checked on creation, and their Standard Webhooks body. */
class OutboundEventTest {

    private static final Instant AT = Instant.parse("2026-01-02T03:04:05.123456789Z");

    @Test
    void payloadIsTheStandardWebhooksBodyWithDataInOrder() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("b", 1);
        data.put("a", List.of("x", true));
        data.put("none", null);
        OutboundEvent event = new OutboundEvent("evt-1", "acme", "sync.conflict", AT, data);
        assertThat(event.payload()).isEqualTo("{\"type\":\"sync.conflict\",\"timestamp\":\"2026-01-02T03:04:05.123456Z\","
                + "\"data\":{\"b\":1,\"a\":[\"x\",true],\"none\":null}}");
        assertThat(event.eventType()).isEqualTo(OutboundEventType.SYNC_CONFLICT);
        assertThat(event.toString()).doesNotContain("\"b\"").contains("evt-1", "sync.conflict");
    }

    @Test
    void badEventsAreRefusedNamingWhatIsWrong() {
        assertThatThrownBy(() -> new OutboundEvent("evt 1", "acme", "sync.failed", AT, Map.of()))
                .hasMessage("outbound event id: 'evt 1' (expected: 1..100 letters, digits, '.', '_', ':' or '-')");
        assertThatThrownBy(() -> new OutboundEvent("evt-1", "Acme", "sync.failed", AT, Map.of()))
                .hasMessageContaining("tenant 'Acme'");
        assertThatThrownBy(() -> new OutboundEvent("evt-1", "acme", "sync.done", AT, Map.of()))
                .hasMessage("outbound event evt-1: type 'sync.done' (expected: one of sync.succeeded, sync.conflict, "
                        + "sync.failed, consent.required)");
        OutboundEvent notJson = new OutboundEvent("evt-2", "acme", "sync.failed", AT, Map.of("when", Instant.now()));
        assertThatThrownBy(notJson::payload).hasMessage("outbound event evt-2: data is not made of JSON values "
                + "(strings, numbers, booleans, lists, maps)");
        OutboundEvent huge = new OutboundEvent("evt-3", "acme", "sync.failed", AT, Map.of("text", "x".repeat(300_000)));
        assertThatThrownBy(huge::payload).hasMessageStartingWith("outbound event evt-3: payload is 300")
                .hasMessageContaining("at most 262144");
    }
}
