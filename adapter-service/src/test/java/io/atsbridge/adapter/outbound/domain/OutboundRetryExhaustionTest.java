package io.atsbridge.adapter.outbound.domain;

import io.atsbridge.adapter.AdapterTestContext;
import io.atsbridge.platform.testing.TestClock;
import io.atsbridge.platform.testing.TestDatabase;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole schedule, run by moving the relay's clock: eight attempts, each when due and never earlier,
 * then FAILED with the last error. Failing many times in a row alone does not disable a subscriber while
 * the first failure is recent; once it is older than disable-after, the next failure does.
 */
class OutboundRetryExhaustionTest {

    @Test
    void afterTheLastAttemptTheDeliveryIsFailedAndARecentFailureStreakKeepsTheSubscriber() throws Exception {
        TestClock clock = TestClock.atSystemTime();
        try (TestDatabase database = TestDatabase.create("adapter_outbound_end");
             WebhookReceiver receiver = new WebhookReceiver()) {
            String secret = OutboundRelayTest.newSecret();
            AdapterTestContext adapter = AdapterTestContext.on(database)
                    .withoutWorker()
                    .with("atsbridge.adapter.outbound.enabled", "false")
                    .with("atsbridge.adapter.outbound.disable-after-failures", "2")
                    .with("atsbridge.adapter.outbound.disable-after", "10d")
                    .with("atsbridge.subscribers.end-hook.tenant", "acme")
                    .with("atsbridge.subscribers.end-hook.url", receiver.url("/end"))
                    .with("atsbridge.subscribers.end-hook.secret", secret)
                    .singletons(clock);
            receiver.expectKey("/end", secret);
            receiver.answerAlways("/end", 503);

            try (ApplicationContext context = adapter.start()) {
                OutboundRelay relay = context.getBean(OutboundRelay.class);
                Subscribers subscribers = context.getBean(Subscribers.class);
                OutboundEvents events = context.getBean(OutboundEvents.class);
                events.publish(List.of(new OutboundEvent("evt-end-1", "acme", "sync.conflict", clock.instant(),
                        Map.of("conflict_id", "c-1"))));

                relay.runOnce();
                assertThat(receiver.received("/end")).as("attempt 1, at once").hasSize(1);
                for (int attempt = 2; attempt <= 8; attempt++) {
                    Duration wait = RetrySchedule.STANDARD.get(attempt - 1);
                    clock.advance(wait.minusSeconds(1));
                    relay.runOnce();
                    assertThat(receiver.received("/end")).as("a second before attempt %s is due", attempt).hasSize(attempt - 1);
                    clock.advance(Duration.ofSeconds(1));
                    relay.runOnce();
                    assertThat(receiver.received("/end")).as("attempt %s, when due", attempt).hasSize(attempt);
                }

                OutboundDelivery delivery = subscribers.recentDeliveries("acme", "end-hook", 1).get(0);
                assertThat(delivery.status()).isEqualTo(DeliveryStatus.FAILED);
                assertThat(delivery.attempts()).isEqualTo(8);
                assertThat(delivery.lastStatusCode()).isEqualTo(503);
                assertThat(delivery.lastError()).isEqualTo("attempt 8 of 8 failed: HTTP 503");

                List<WebhookReceiver.Received> attempts = receiver.received("/end");
                assertThat(attempts).allMatch(WebhookReceiver.Received::signatureValid);
                assertThat(attempts).extracting(r -> r.header("webhook-id")).containsOnly(delivery.webhookId());
                List<Long> at = attempts.stream().map(r -> Long.parseLong(r.header("webhook-timestamp"))).toList();
                assertThat(at.get(7) - at.get(0)).as("the published schedule's 27.6 hours, in seconds")
                        .isEqualTo(RetrySchedule.STANDARD.stream().mapToLong(Duration::toSeconds).sum());
                clock.advance(Duration.ofDays(1));
                relay.runOnce();
                assertThat(receiver.received("/end")).as("no attempt after the last").hasSize(8);

                SubscriberState state = subscribers.state("acme", "end-hook");
                assertThat(state.enabled()).as("8 failures in a row, but the first one is about 2 days old").isTrue();
                assertThat(state.consecutiveFailures()).isEqualTo(8);
                assertThat(state.failingSince()).isNotNull();

                // Ten days after the streak began, one more failure disables the subscriber.
                clock.advance(Duration.ofDays(8));
                events.publish(List.of(new OutboundEvent("evt-end-2", "acme", "sync.conflict", clock.instant(),
                        Map.of("conflict_id", "c-2"))));
                relay.runOnce();
                SubscriberState disabled = subscribers.state("acme", "end-hook");
                assertThat(disabled.enabled()).isFalse();
                assertThat(disabled.disabledCause()).isEqualTo(DisabledCause.FAILING);
                assertThat(disabled.consecutiveFailures()).isEqualTo(9);
            }
        }
    }
}
