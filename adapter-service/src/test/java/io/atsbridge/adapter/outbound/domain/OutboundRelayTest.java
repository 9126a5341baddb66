package io.atsbridge.adapter.outbound.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.atsbridge.adapter.AdapterTestContext;
import io.atsbridge.platform.testing.TestClock;
import io.atsbridge.platform.testing.TestDatabase;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The outbound relay against a real database and a real HTTP receiver that checks signatures on its
 * own: delivery, retries on the schedule (run by moving the services' clock), type filters and tenant isolation, 410 Gone,
 * sustained failure, time-outs and refused connections, and two relays (replicas) on one database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OutboundRelayTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Both relays' clock: the schedule's waits pass when a test moves it. */
    private final TestClock clock = TestClock.atSystemTime();

    private final TestDatabase database = TestDatabase.create("adapter_outbound");
    private final Map<String, String> secrets = new HashMap<>();
    private WebhookReceiver receiver;
    private ApplicationContext first;
    private ApplicationContext second;
    private OutboundRelay relay;
    private OutboundRelay otherRelay;
    private OutboundEvents events;
    private Subscribers subscribers;

    static String newSecret() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return "whsec_" + Base64.getEncoder().encodeToString(key);
    }

    @BeforeAll
    void start() throws Exception {
        receiver = new WebhookReceiver();
        Map<String, Object> properties = new HashMap<>();
        properties.put("atsbridge.adapter.outbound.enabled", "false");
        properties.put("atsbridge.adapter.outbound.request-timeout", "500ms");
        properties.put("atsbridge.adapter.outbound.batch", "10");
        properties.put("atsbridge.adapter.outbound.disable-after-failures", "3");
        // The third failure in a row comes 5 min 5 s after the first.
        properties.put("atsbridge.adapter.outbound.disable-after", "100s");
        subscriber(properties, "acme-all", "acme", receiver.url("/acme-all"), null);
        subscriber(properties, "acme-sync", "acme", receiver.url("/acme-sync"), "sync.succeeded");
        subscriber(properties, "globex-all", "globex", receiver.url("/globex-all"), null);
        subscriber(properties, "retry-hook", "retry", receiver.url("/retry"), null);
        subscriber(properties, "gone-hook", "gone", receiver.url("/gone"), null);
        subscriber(properties, "failing-hook", "failing", receiver.url("/failing"), null);
        subscriber(properties, "down-hook", "failing", WebhookReceiver.refusingUrl(), null);
        subscriber(properties, "slow-hook", "slow", receiver.url("/slow"), null);
        subscriber(properties, "pair-hook", "pair", receiver.url("/pair"), "sync.succeeded, sync.failed");
        AdapterTestContext adapter = AdapterTestContext.on(database).withoutWorker().with(properties).singletons(clock);
        first = adapter.start();
        second = adapter.start();
        relay = first.getBean(OutboundRelay.class);
        otherRelay = second.getBean(OutboundRelay.class);
        events = first.getBean(OutboundEvents.class);
        subscribers = first.getBean(Subscribers.class);
    }

    private void subscriber(Map<String, Object> properties, String id, String tenant, String url, String types) {
        String secret = newSecret();
        secrets.put(id, secret);
        String prefix = "atsbridge.subscribers." + id + ".";
        properties.put(prefix + "tenant", tenant);
        properties.put(prefix + "url", url);
        properties.put(prefix + "secret", secret);
        if (types != null) {
            properties.put(prefix + "events", types);
        }
        String path = url.substring(url.indexOf('/', "http://".length()));
        receiver.expectKey(path, secret);
    }

    @AfterAll
    void stop() {
        second.close();
        first.close();
        receiver.close();
        database.close();
    }

    private OutboundEvent event(String tenant, String type) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("application_id", "app-" + UUID.randomUUID());
        data.put("score_percent", 87);
        data.put("skills", List.of("java", "sql"));
        return new OutboundEvent("evt-" + UUID.randomUUID(), tenant, type,
                clock.instant(), data);
    }

    /**
     * Runs the relay until nothing is due at the clock's time. Each run sends what it claims and stores
     * the outcomes before it returns, so no waiting is involved.
     */
    private void deliverDue() {
        for (int run = 0; run < 50; run++) {
            if (relay.runOnce() == 0) {
                return;
            }
        }
        throw new AssertionError("deliveries still due after 50 runs of the relay");
    }

    /** The webhook-timestamp (seconds) of each attempt at the path, in order: the relay's clock at the time. */
    private List<Long> timestamps(String path) {
        return receiver.received(path).stream().map(r -> Long.parseLong(r.header("webhook-timestamp"))).toList();
    }

    private OutboundDelivery onlyDelivery(String tenant, String subscriberId) {
        List<OutboundDelivery> deliveries = subscribers.recentDeliveries(tenant, subscriberId, 10);
        assertThat(deliveries).hasSize(1);
        return deliveries.get(0);
    }

    @Test
    void deliversOnceSignedWithStandardWebhooksHeaders() throws Exception {
        OutboundEvent event = event("acme", "sync.succeeded");
        assertThat(events.publish(List.of(event))).as("acme-all and acme-sync").isEqualTo(2);
        assertThat(events.publish(List.of(event))).as("the same event again").isZero();

        deliverDue();
        for (int i = 0; i < 5; i++) {
            relay.runOnce();
        }
        assertThat(receiver.received("/acme-all")).hasSize(1);
        assertThat(receiver.received("/acme-sync")).hasSize(1);

        WebhookReceiver.Received request = receiver.received("/acme-all").get(0);
        OutboundDelivery delivery = onlyDelivery("acme", "acme-all");
        assertThat(request.signatureValid()).as("signature checked by the receiver's own HMAC").isTrue();
        assertThat(request.header("webhook-id")).isEqualTo(delivery.webhookId()).startsWith("msg_");
        assertThat(request.header("content-type")).isEqualTo("application/json");
        long timestamp = Long.parseLong(request.header("webhook-timestamp"));
        assertThat(timestamp).as("the relay's clock").isEqualTo(clock.instant().getEpochSecond());
        assertThat(request.header("webhook-signature")).startsWith("v1,");

        JsonNode body = JSON.readTree(request.body());
        assertThat(body.get("type").asText()).isEqualTo("sync.succeeded");
        assertThat(Instant.parse(body.get("timestamp").asText())).isEqualTo(event.occurTime());
        assertThat(body.get("data").get("application_id").asText()).isEqualTo(event.data().get("application_id"));
        assertThat(body.get("data").get("score_percent").asInt()).isEqualTo(87);
        assertThat(body.get("data").get("skills").toString()).isEqualTo("[\"java\",\"sql\"]");

        assertThat(delivery.eventId()).isEqualTo(event.id());
        assertThat(delivery.status()).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(delivery.attempts()).isEqualTo(1);
        assertThat(delivery.lastStatusCode()).isEqualTo(200);
        assertThat(delivery.deliverTime()).isNotNull();
        assertThat(onlyDelivery("acme", "acme-sync").webhookId()).as("one webhook-id per subscriber")
                .isNotEqualTo(delivery.webhookId());
    }

    @Test
    void aBatchWithAnEventThatIsNotJsonStoresNothing() {
        OutboundEvent good = event("acme", "sync.failed");
        OutboundEvent bad = new OutboundEvent("evt-bad-" + UUID.randomUUID(), "acme", "sync.failed", clock.instant(),
                Map.of("when", clock.instant()));
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> events.publish(List.of(good, bad))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(bad.id());
        assertThat(subscribers.recentDeliveries("acme", "acme-all", 500))
                .noneMatch(d -> d.eventId().equals(good.id()) || d.eventId().equals(bad.id()));
    }

    @Test
    void subscribersGetOnlyTheirTypesAndOnlyTheirTenantsEvents() throws Exception {
        OutboundEvent consent = event("acme", "consent.required");
        assertThat(events.publish(List.of(consent))).as("acme-sync does not receive consent.required").isEqualTo(1);
        deliverDue();
        assertThat(receiver.received("/acme-all")).anyMatch(r -> r.bodyText().contains("consent.required"));

        assertThat(receiver.received("/acme-sync")).noneMatch(r -> r.bodyText().contains("consent.required"));
        assertThat(subscribers.recentDeliveries("acme", "acme-sync", 100)).noneMatch(d -> d.eventId().equals(consent.id()));
        assertThat(receiver.received("/globex-all")).as("another tenant's subscriber").isEmpty();
        assertThat(subscribers.recentDeliveries("globex", "globex-all", 100)).isEmpty();
        assertThat(subscribers.list("globex")).extracting(SubscriberState::id).containsExactly("globex-all");

        // A tenant cannot read another tenant's subscriber.
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> subscribers.state("globex", "acme-all")))
                .hasMessageContaining("subscriber acme-all does not exist in tenant globex");
    }

    @Test
    void failedAttemptsAreRetriedOnTheScheduleNeverEarlierWithTheSameWebhookId() {
        receiver.script("/retry", 500, 500);
        OutboundEvent event = event("retry", "sync.failed");
        events.publish(List.of(event));

        deliverDue();
        assertThat(receiver.received("/retry")).as("attempt 1, at once").hasSize(1);
        // Attempt 2 waits 5 s, attempt 3 waits 5 min: a second before either, nothing is sent.
        for (int attempt = 2; attempt <= 3; attempt++) {
            Duration wait = RetrySchedule.STANDARD.get(attempt - 1);
            clock.advance(wait.minusSeconds(1));
            deliverDue();
            assertThat(receiver.received("/retry")).as("a second before attempt %s is due", attempt).hasSize(attempt - 1);
            clock.advance(Duration.ofSeconds(1));
            deliverDue();
            assertThat(receiver.received("/retry")).as("attempt %s, when due", attempt).hasSize(attempt);
        }
        assertThat(onlyDelivery("retry", "retry-hook").status()).isEqualTo(DeliveryStatus.DELIVERED);

        List<WebhookReceiver.Received> attempts = receiver.received("/retry");
        assertThat(attempts).allMatch(WebhookReceiver.Received::signatureValid);
        assertThat(attempts).extracting(r -> r.header("webhook-id")).containsOnly(attempts.get(0).header("webhook-id"));
        assertThat(attempts).extracting(WebhookReceiver.Received::bodyText).containsOnly(attempts.get(0).bodyText());
        List<Long> at = timestamps("/retry");
        assertThat(at.get(1) - at.get(0)).isEqualTo(RetrySchedule.STANDARD.get(1).toSeconds());
        assertThat(at.get(2) - at.get(1)).isEqualTo(RetrySchedule.STANDARD.get(2).toSeconds());

        OutboundDelivery delivery = onlyDelivery("retry", "retry-hook");
        assertThat(delivery.attempts()).isEqualTo(3);
        assertThat(delivery.lastStatusCode()).isEqualTo(200);
        assertThat(delivery.lastError()).isNull();
        SubscriberState state = subscribers.state("retry", "retry-hook");
        assertThat(state.enabled()).isTrue();
        assertThat(state.consecutiveFailures()).as("reset by the delivery").isZero();
        assertThat(state.failingSince()).isNull();
    }

    @Test
    void goneDisablesTheSubscriberAtOnceAndAbandonsItsPendingDeliveries() throws Exception {
        receiver.answerAlways("/gone", 410);
        OutboundEvent answered = event("gone", "sync.succeeded");
        OutboundEvent waiting = event("gone", "sync.conflict");
        events.publish(List.of(answered, waiting));
        // The second one waits for a later attempt, as a retried delivery would.
        try (Connection c = database.connect(); PreparedStatement later = c.prepareStatement(
                "UPDATE outbound_event SET next_attempt_time = ? WHERE event_id = ?")) {
            later.setTimestamp(1, Timestamp.from(clock.instant().plus(Duration.ofHours(1))));
            later.setString(2, waiting.id());
            assertThat(later.executeUpdate()).isEqualTo(1);
        }

        deliverDue();

        SubscriberState state = subscribers.state("gone", "gone-hook");
        assertThat(state.disabledCause()).isEqualTo(DisabledCause.GONE);
        assertThat(state.disabledReason()).isEqualTo("endpoint answered 410 Gone");
        assertThat(state.disabledTime()).isNotNull();
        assertThat(receiver.received("/gone")).hasSize(1);
        List<OutboundDelivery> deliveries = subscribers.recentDeliveries("gone", "gone-hook", 10);
        assertThat(deliveries).hasSize(2).allMatch(d -> d.status() == DeliveryStatus.ABANDONED);
        assertThat(deliveries).filteredOn(d -> d.eventId().equals(answered.id())).singleElement()
                .satisfies(d -> assertThat(d.lastStatusCode()).isEqualTo(410));

        assertThat(events.publish(List.of(event("gone", "sync.succeeded")))).as("nothing for a disabled subscriber").isZero();
        for (int i = 0; i < 5; i++) {
            relay.runOnce();
        }
        assertThat(receiver.received("/gone")).hasSize(1);
    }

    @Test
    void sustainedFailureDisablesTheSubscriberAndARefusedConnectionCountsAsFailure() throws Exception {
        receiver.answerAlways("/failing", 500);
        events.publish(List.of(event("failing", "sync.failed")));

        deliverDue();
        clock.advance(RetrySchedule.STANDARD.get(1));
        deliverDue();
        assertThat(subscribers.state("failing", "failing-hook").enabled()).as("2 failures, 5 s apart").isTrue();
        clock.advance(RetrySchedule.STANDARD.get(2));
        deliverDue();

        for (String id : List.of("failing-hook", "down-hook")) {
            SubscriberState state = subscribers.state("failing", id);
            assertThat(state.disabledCause()).as(id).isEqualTo(DisabledCause.FAILING);
            assertThat(state.disabledReason()).as(id).startsWith("deliveries failed 3 times in a row since ")
                    .contains("disable-after-failures 3");
            assertThat(state.consecutiveFailures()).as(id).isEqualTo(3);
            OutboundDelivery delivery = onlyDelivery("failing", id);
            assertThat(delivery.status()).as(id).isEqualTo(DeliveryStatus.ABANDONED);
            assertThat(delivery.attempts()).as(id).isEqualTo(3);
        }
        assertThat(receiver.received("/failing")).hasSize(3);
        OutboundDelivery refused = onlyDelivery("failing", "down-hook");
        assertThat(refused.lastStatusCode()).isNull();
        assertThat(refused.lastError()).isEqualTo("attempt 3 of 8 failed: connection refused or host unreachable");
        assertThat(onlyDelivery("failing", "failing-hook").lastError()).isEqualTo("attempt 3 of 8 failed: HTTP 500");
        assertThat(events.publish(List.of(event("failing", "sync.failed")))).isZero();
    }

    @Test
    void anAnswerSlowerThanTheRequestTimeoutIsAFailedAttempt() throws Exception {
        receiver.script("/slow", WebhookReceiver.TIMEOUT);
        events.publish(List.of(event("slow", "sync.succeeded")));

        relay.runOnce();
        OutboundDelivery first = onlyDelivery("slow", "slow-hook");
        assertThat(first.status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(first.attempts()).isEqualTo(1);
        assertThat(first.lastStatusCode()).isNull();
        assertThat(first.lastError()).isEqualTo("attempt 1 of 8 failed: no answer within 500 ms");
        assertThat(subscribers.state("slow", "slow-hook").consecutiveFailures()).isEqualTo(1);

        clock.advance(RetrySchedule.STANDARD.get(1));
        deliverDue();
        assertThat(onlyDelivery("slow", "slow-hook").status()).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(onlyDelivery("slow", "slow-hook").attempts()).isEqualTo(2);
    }

    @Test
    void twoRelaysOnOneDatabaseDeliverEachRowOnce() throws Exception {
        List<OutboundEvent> batch = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            batch.add(event("pair", i % 2 == 0 ? "sync.succeeded" : "sync.failed"));
        }
        assertThat(events.publish(batch)).isEqualTo(60);

        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> runs = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            for (int t = 0; t < 4; t++) {
                OutboundRelay replica = t % 2 == 0 ? relay : otherRelay;
                runs.add(pool.submit(() -> {
                    while (receiver.received("/pair").size() < 60 && System.nanoTime() < deadline) {
                        replica.runOnce();
                    }
                    return null;
                }));
            }
            for (Future<?> run : runs) {
                run.get();
            }
        } finally {
            pool.shutdownNow();
        }

        List<WebhookReceiver.Received> received = receiver.received("/pair");
        Set<String> ids = new HashSet<>();
        received.forEach(r -> ids.add(r.header("webhook-id")));
        assertThat(received).hasSize(60).allMatch(WebhookReceiver.Received::signatureValid);
        assertThat(ids).as("every webhook-id once").hasSize(60);
        assertThat(subscribers.recentDeliveries("pair", "pair-hook", 100)).hasSize(60)
                .allMatch(d -> d.status() == DeliveryStatus.DELIVERED && d.attempts() == 1);
        assertThat(countAttempts("pair-hook")).isEqualTo(60);
    }

    private long countAttempts(String subscriberId) throws Exception {
        try (Connection c = database.connect();
             PreparedStatement select = c.prepareStatement("SELECT SUM(attempts) FROM outbound_event WHERE subscriber_id = ?")) {
            select.setString(1, subscriberId);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
