package io.atsbridge.gateway;

import io.atsbridge.gateway.config.GatewaySettings;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every nested section binds under its own key: a nested record's prefix follows the record it is declared in, so
 * one declared at the wrong level keeps its defaults silently (the YAML drift test cannot see that).
 */
class GatewaySettingsBindingTest {

    @Test
    void nestedSectionsBindTheirKeys() {
        try (ApplicationContext context = ApplicationContext.builder().environments("gateway").properties(Map.of(
                "atsbridge.client.token", "gateway-token-0123456789",
                "atsbridge.peers.adapter.address", "127.0.0.1:1",
                "atsbridge.gateway.rate-limit.burst", "40",
                "atsbridge.gateway.rate-limit.unverified.per-connection-burst", "41",
                "atsbridge.gateway.rate-limit.unverified.per-source-per-second", "42",
                "atsbridge.gateway.webhooks.smartrecruiters-retry-horizon", "3d",
                "atsbridge.gateway.webhooks.teamtailor-retry-horizon", "2h")).start()) {
            GatewaySettings settings = context.getBean(GatewaySettings.class);
            assertThat(settings.rateLimit().burst()).isEqualTo(40);
            assertThat(settings.rateLimit().unverified().perConnectionBurst()).isEqualTo(41);
            assertThat(settings.rateLimit().unverified().perSourcePerSecond()).isEqualTo(42);
            assertThat(settings.rateLimit().unverified().perSourceBurst()).isEqualTo(50);
            assertThat(settings.webhooks().lateRetryHorizons()).containsEntry("SMARTRECRUITERS", Duration.ofDays(3))
                    .containsEntry("TEAMTAILOR", Duration.ofHours(2)).containsEntry("LEVER", Duration.ofDays(14));
        }
    }
}
