package io.atsbridge.adapter.outbound.domain;

import io.atsbridge.adapter.AdapterTestContext;
import io.atsbridge.platform.testing.TestClock;
import io.micronaut.context.ApplicationContext;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Outbound events on embedded H2 in MySQL mode, as the all-in-one launcher runs them: the schema
 * migrates, the subscriber is stored, the relay's background thread claims and delivers.
 */
class OutboundOnH2Test {

    @Test
    void backgroundRelayDeliversOnEmbeddedH2() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            String secret = OutboundRelayTest.newSecret();
            TestClock clock = TestClock.atSystemTime();
            AdapterTestContext adapter = AdapterTestContext.onH2("outbound")
                    .withoutWorker()
                    .with("atsbridge.adapter.outbound.poll-interval", "20ms")
                    .with("atsbridge.subscribers.h2-hook.tenant", "acme")
                    .with("atsbridge.subscribers.h2-hook.url", receiver.url("/h2"))
                    .with("atsbridge.subscribers.h2-hook.secret", secret)
                    .singletons(clock);
            receiver.expectKey("/h2", secret);
            receiver.script("/h2", 500);

            try (ApplicationContext context = adapter.start()) {
                OutboundRelay relay = context.getBean(OutboundRelay.class);
                relay.start();
                assertThat(relay.isRunning()).isTrue();
                Subscribers subscribers = context.getBean(Subscribers.class);
                OutboundEvent event = new OutboundEvent("evt-h2-1", "acme", "sync.succeeded", clock.instant(),
                        Map.of("application_id", "42"));
                assertThat(context.getBean(OutboundEvents.class).publish(List.of(event, event))).isEqualTo(1);

                // The background relay's thread sends the first attempt (refused with 500) by itself; the
                // second waits until the clock has moved by the schedule's 5 s.
                Awaitility.await("the first attempt's failure stored").atMost(Duration.ofSeconds(15)).until(
                        () -> Integer.valueOf(500).equals(subscribers.recentDeliveries("acme", "h2-hook", 1).get(0).lastStatusCode()));
                clock.advance(RetrySchedule.STANDARD.get(1));
                Awaitility.await("the second attempt").atMost(Duration.ofSeconds(15)).until(
                        () -> subscribers.recentDeliveries("acme", "h2-hook", 1).get(0).status() == DeliveryStatus.DELIVERED);
                OutboundDelivery delivery = subscribers.recentDeliveries("acme", "h2-hook", 1).get(0);
                assertThat(delivery.status()).isEqualTo(DeliveryStatus.DELIVERED);
                assertThat(delivery.attempts()).isEqualTo(2);
                assertThat(receiver.received("/h2")).hasSize(2).allMatch(WebhookReceiver.Received::signatureValid);
                assertThat(subscribers.state("acme", "h2-hook").consecutiveFailures()).isZero();
            }
        }
    }
}
