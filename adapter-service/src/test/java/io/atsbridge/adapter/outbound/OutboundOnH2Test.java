package io.atsbridge.adapter.outbound;

import io.atsbridge.adapter.AdapterApplication;
import io.atsbridge.platform.testing.TestCalls;
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
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Outbound events on embedded H2 in MySQL mode, as the all-in-one launcher runs them: the schema
 * migrates, the subscriber is stored, the relay's background thread claims and delivers.
 */
class OutboundOnH2Test {

    @Test
    void backgroundRelayDeliversOnEmbeddedH2() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            Map<String, Object> properties = new HashMap<>(TestCalls.authProperties());
            properties.put("datasources.default.url", "jdbc:h2:mem:outbound_" + UUID.randomUUID().toString().replace("-", "")
                    + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
            properties.put("datasources.default.username", "sa");
            properties.put("datasources.default.password", "");
            properties.put("datasources.default.driver-class-name", "org.h2.Driver");
            properties.put("grpc.server.port", TestPorts.freeText());
            properties.put("atsbridge.adapter.master-key", Base64.getEncoder().encodeToString(key));
            properties.put("atsbridge.adapter.worker.enabled", "false");
            properties.put("atsbridge.adapter.outbound.poll-interval", "20ms");
            properties.put("atsbridge.adapter.outbound.time-scale", "0.001");
            String secret = OutboundRelayTest.newSecret();
            properties.put("atsbridge.subscribers.h2-hook.tenant", "acme");
            properties.put("atsbridge.subscribers.h2-hook.url", receiver.url("/h2"));
            properties.put("atsbridge.subscribers.h2-hook.secret", secret);
            receiver.expectKey("/h2", secret);
            receiver.script("/h2", 500);

            try (ApplicationContext context = ApplicationContext.builder().environments(AdapterApplication.ENVIRONMENT)
                    .properties(properties).start()) {
                OutboundRelay relay = context.getBean(OutboundRelay.class);
                relay.start();
                assertThat(relay.isRunning()).isTrue();
                Subscribers subscribers = context.getBean(Subscribers.class);
                OutboundEvent event = new OutboundEvent("evt-h2-1", "acme", "sync.succeeded", Instant.now(),
                        Map.of("application_id", "42"));
                assertThat(context.getBean(OutboundEvents.class).publish(List.of(event, event))).isEqualTo(1);

                long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
                while (subscribers.recentDeliveries("acme", "h2-hook", 1).get(0).status() != DeliveryStatus.DELIVERED
                        && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                OutboundDelivery delivery = subscribers.recentDeliveries("acme", "h2-hook", 1).get(0);
                assertThat(delivery.status()).isEqualTo(DeliveryStatus.DELIVERED);
                assertThat(delivery.attempts()).isEqualTo(2);
                assertThat(receiver.received("/h2")).hasSize(2).allMatch(WebhookReceiver.Received::signatureValid);
                assertThat(subscribers.state("acme", "h2-hook").consecutiveFailures()).isZero();
            }
        }
    }
}
