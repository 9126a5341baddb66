package io.atsbridge.adapter.outbound;

import io.atsbridge.adapter.AdapterApplication;
import io.atsbridge.platform.testing.TestCalls;
import io.atsbridge.platform.testing.TestDatabase;
import io.atsbridge.platform.testing.TestPorts;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole schedule, scaled to seconds: eight attempts, then FAILED with the last error. Failing many
 * times in a row alone does not disable a subscriber while the first failure is recent.
 */
class OutboundRetryExhaustionTest {

    /** The schedule's 27.6 hours become about 5 s; disable-after (10 days) becomes 43 s. */
    private static final double TIME_SCALE = 0.00005;

    @Test
    void afterTheLastAttemptTheDeliveryIsFailedAndARecentFailureStreakKeepsTheSubscriber() throws Exception {
        try (TestDatabase database = TestDatabase.create("adapter_outbound_end");
             WebhookReceiver receiver = new WebhookReceiver()) {
            Map<String, Object> properties = new HashMap<>(database.micronautProperties());
            properties.putAll(TestCalls.authProperties());
            properties.put("grpc.server.port", TestPorts.freeText());
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            properties.put("atsbridge.adapter.master-key", Base64.getEncoder().encodeToString(key));
            properties.put("atsbridge.adapter.worker.enabled", "false");
            properties.put("atsbridge.adapter.outbound.enabled", "false");
            properties.put("atsbridge.adapter.outbound.time-scale", String.valueOf(TIME_SCALE));
            properties.put("atsbridge.adapter.outbound.disable-after-failures", "2");
            properties.put("atsbridge.adapter.outbound.disable-after", "10d");
            String secret = OutboundRelayTest.newSecret();
            properties.put("atsbridge.subscribers.end-hook.tenant", "acme");
            properties.put("atsbridge.subscribers.end-hook.url", receiver.url("/end"));
            properties.put("atsbridge.subscribers.end-hook.secret", secret);
            receiver.expectKey("/end", secret);
            receiver.answerAlways("/end", 503);

            try (ApplicationContext context = ApplicationContext.builder().environments(AdapterApplication.ENVIRONMENT)
                    .properties(properties).start()) {
                OutboundRelay relay = context.getBean(OutboundRelay.class);
                Subscribers subscribers = context.getBean(Subscribers.class);
                context.getBean(OutboundEvents.class).publish(List.of(new OutboundEvent("evt-end-1", "acme",
                        "sync.conflict", Instant.now(), Map.of("conflict_id", "c-1"))));

                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (subscribers.recentDeliveries("acme", "end-hook", 1).get(0).status() == DeliveryStatus.PENDING
                        && System.nanoTime() < deadline) {
                    relay.runOnce();
                    Thread.sleep(5);
                }

                OutboundDelivery delivery = subscribers.recentDeliveries("acme", "end-hook", 1).get(0);
                assertThat(delivery.status()).isEqualTo(DeliveryStatus.FAILED);
                assertThat(delivery.attempts()).isEqualTo(8);
                assertThat(delivery.lastStatusCode()).isEqualTo(503);
                assertThat(delivery.lastError()).isEqualTo("attempt 8 of 8 failed: HTTP 503");

                List<WebhookReceiver.Received> attempts = receiver.received("/end");
                assertThat(attempts).hasSize(8).allMatch(WebhookReceiver.Received::signatureValid);
                assertThat(attempts).extracting(r -> r.header("webhook-id")).containsOnly(delivery.webhookId());
                for (int i = 1; i < attempts.size(); i++) {
                    Duration wait = RetrySchedule.scaled(TIME_SCALE).waitAfter(i).orElseThrow();
                    assertThat(Duration.between(attempts.get(i - 1).at(), attempts.get(i).at())).as("wait before attempt " + (i + 1))
                            .isGreaterThanOrEqualTo(wait.minusMillis(1));
                }
                for (int i = 0; i < 3; i++) {
                    relay.runOnce();
                }
                assertThat(receiver.received("/end")).as("no attempt after the last").hasSize(8);

                SubscriberState state = subscribers.state("acme", "end-hook");
                assertThat(state.enabled()).as("8 failures in a row, but the first one is seconds old").isTrue();
                assertThat(state.consecutiveFailures()).isEqualTo(8);
                assertThat(state.failingSince()).isNotNull();
            }
        }
    }
}
