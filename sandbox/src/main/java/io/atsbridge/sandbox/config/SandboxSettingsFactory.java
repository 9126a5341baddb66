package io.atsbridge.sandbox.config;

import io.atsbridge.sandbox.SandboxSettings;
import io.micronaut.context.annotation.Factory;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.server.HttpServerConfiguration;
import jakarta.inject.Singleton;

import java.net.URI;

/**
 * Turns the configured {@link SandboxConfiguration} into {@link SandboxSettings}, whose builder checks every value.
 * The standalone server's come from {@code application-sandbox.yml} (environment variables), {@code Sandbox.start}'s
 * from the settings it was given (as properties), so both paths run the same checks.
 */
@Factory
final class SandboxSettingsFactory {

    private static final String PREFIX = "atsbridge.sandbox.";

    @Singleton
    SandboxSettings sandboxSettings(SandboxConfiguration config, HttpServerConfiguration server) {
        SandboxConfiguration.Greenhouse greenhouse = config.greenhouse();
        SandboxConfiguration.Ashby ashby = config.ashby();
        SandboxConfiguration.Lever lever = config.lever();
        SandboxConfiguration.AiVendor aiVendor = config.aiVendor();
        // Micronaut's -1 ("any free port") is this API's 0.
        int port = server.getPort().orElse(0);
        SandboxSettings.Builder b = SandboxSettings.builder()
                .port(port < 0 ? 0 : port)
                .greenhouseApiKey(greenhouse.apiKey())
                .greenhouseRateLimit(greenhouse.rateLimit())
                .greenhouseRateLimitWindow(greenhouse.rateLimitWindow())
                .greenhouseWebhookUrl(uri("greenhouse.webhook-url", greenhouse.webhookUrl()))
                .greenhouseWebhookSecret(greenhouse.webhookSecret())
                .greenhouseClientId(greenhouse.clientId())
                .greenhouseClientSecret(greenhouse.clientSecret())
                .greenhouseTokenTtl(greenhouse.tokenTtl())
                .ashbyApiKey(ashby.apiKey())
                .ashbyWebhookUrl(uri("ashby.webhook-url", ashby.webhookUrl()))
                // An empty secret is meaningful for Ashby (unsigned webhooks), so it is taken as given.
                .ashbyWebhookSecret(ashby.webhookSecret())
                .ashbyRateLimit(ashby.rateLimit())
                .ashbyRateLimitWindow(ashby.rateLimitWindow())
                .leverApiKey(lever.apiKey())
                .leverRateLimit(lever.rateLimit())
                .leverBurst(lever.burst())
                .leverWebhookUrl(uri("lever.webhook-url", lever.webhookUrl()))
                .leverConfidentialAccess(lever.confidentialAccess())
                .leverConfidentialRefusal(lever.confidentialRefusal())
                .leverRetryBody(lever.retryBody())
                .aiVendorApiKey(aiVendor.apiKey())
                .aiVendorWebhookUrl(uri("ai-vendor.webhook-url", aiVendor.webhookUrl()))
                .aiVendorWebhookSecret(aiVendor.webhookSecret())
                .aiVendorSeed(aiVendor.seed())
                .aiVendorAutoCompleteAfter(aiVendor.autoCompleteAfter())
                .retryTimeScale(config.retryTimeScale())
                .webhookTimeout(config.webhookTimeout());
        // One token per webhook, "<event>:<token>"; events not named keep the default. An empty token is meaningful for
        // Lever (no signing token generated: unsigned webhooks), so it is taken as given.
        String tokens = lever.webhookSignatureTokens() == null ? "" : lever.webhookSignatureTokens();
        for (String entry : tokens.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            int colon = entry.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException(PREFIX + "lever.webhook-signature-tokens: an entry has no ':' (expected: "
                        + "<event>:<token>, ... with events " + SandboxSettings.LEVER_WEBHOOK_EVENTS + ")");
            }
            b.leverWebhookSignatureToken(entry.substring(0, colon).trim(), entry.substring(colon + 1).trim());
        }
        return b.build();
    }

    /** A webhook URL as configured; empty means none (events are recorded, not sent). */
    @Nullable
    private static URI uri(String key, @Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return URI.create(value.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(PREFIX + key + ": " + value + " is not a URL (expected: http(s)://host:port/path)");
        }
    }
}
