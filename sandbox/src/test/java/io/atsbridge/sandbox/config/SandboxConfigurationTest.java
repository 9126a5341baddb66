package io.atsbridge.sandbox.config;

import io.atsbridge.sandbox.Sandbox;
import io.atsbridge.sandbox.SandboxSettings;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.exceptions.BeanInstantiationException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code application-sandbox.yml}'s defaults are {@link SandboxSettings}'s, so the standalone server and
 * {@code Sandbox.start()} run the same sandbox; a bad value fails start-up with its key. (The services' drift test,
 * platform-kit's {@code SettingsYaml}, is not used: the sandbox does not depend on platform-kit.)
 */
class SandboxConfigurationTest {

    @Test
    void theYamlDefaultsAreTheBuilderDefaults() {
        try (ApplicationContext context = context(Map.of())) {
            assertThat(context.getBean(SandboxSettings.class).toProperties())
                    .isEqualTo(SandboxSettings.builder().build().toProperties());
        }
    }

    @Test
    void readsEveryKindOfValue() {
        try (ApplicationContext context = context(Map.of(
                "atsbridge.sandbox.lever.confidential-refusal", "hidden",
                "atsbridge.sandbox.lever.webhook-signature-tokens", "candidateHired:tok-1, candidateDeleted:",
                "atsbridge.sandbox.greenhouse.webhook-url", "http://127.0.0.1:1/hooks",
                "atsbridge.sandbox.ai-vendor.auto-complete-after", "2s"))) {
            SandboxSettings settings = context.getBean(SandboxSettings.class);
            assertThat(settings.leverConfidentialRefusal().name()).isEqualTo("HIDDEN");
            assertThat(settings.leverWebhookSignatureTokens())
                    .containsEntry("candidateHired", "tok-1")
                    .containsEntry("candidateDeleted", "");
            assertThat(settings.greenhouseWebhookUrl()).hasToString("http://127.0.0.1:1/hooks");
            assertThat(settings.aiVendorAutoCompleteAfter()).isEqualTo(Duration.ofSeconds(2));
        }
    }

    @Test
    void aBadValueFailsWithItsKey() {
        try (ApplicationContext context = context(Map.of("atsbridge.sandbox.lever.webhook-signature-tokens", "candidateHired"))) {
            assertThatThrownBy(() -> context.getBean(SandboxSettings.class))
                    .isInstanceOf(BeanInstantiationException.class)
                    .hasMessageContaining("atsbridge.sandbox.lever.webhook-signature-tokens: an entry has no ':'");
        }
    }

    private static ApplicationContext context(Map<String, Object> properties) {
        Map<String, Object> all = new HashMap<>(properties);
        // The yml's 9180 would make the port differ from the builder's free port.
        all.put("micronaut.server.port", -1);
        return ApplicationContext.builder()
                .environments(Sandbox.ENVIRONMENT)
                .deduceEnvironment(false)
                .banner(false)
                .properties(all)
                .start();
    }
}
