package io.atsbridge.sandbox.config;

import io.atsbridge.sandbox.SandboxSettings;
import io.atsbridge.sandbox.lever.LeverConfidentialRefusal;
import io.atsbridge.sandbox.lever.LeverRetryBody;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.env.Environment;
import jakarta.inject.Singleton;

import java.net.URI;
import java.time.Duration;

/**
 * Reads {@code atsbridge.sandbox.*} into {@link SandboxSettings}. The standalone server gets them from
 * {@code application-sandbox.yml} (environment variables), {@code Sandbox.start} from the settings it was
 * given, so both paths run the same checks.
 */
@Factory
final class SandboxSettingsFactory {

    private static final String PREFIX = "atsbridge.sandbox.";

    @Singleton
    SandboxSettings sandboxSettings(Environment env) {
        SandboxSettings.Builder b = SandboxSettings.builder();
        int port = env.getProperty("micronaut.server.port", Integer.class).orElse(0);
        b.port(port < 0 ? 0 : port);
        b.greenhouseApiKey(string(env, "greenhouse.api-key", SandboxSettings.DEFAULT_GREENHOUSE_API_KEY));
        b.greenhouseRateLimit(env.getProperty(PREFIX + "greenhouse.rate-limit", Integer.class).orElse(50));
        b.greenhouseRateLimitWindow(duration(env, "greenhouse.rate-limit-window", Duration.ofSeconds(10)));
        b.greenhouseWebhookUrl(uri(env, "greenhouse.webhook-url"));
        b.greenhouseWebhookSecret(string(env, "greenhouse.webhook-secret", SandboxSettings.DEFAULT_GREENHOUSE_WEBHOOK_SECRET));
        b.greenhouseClientId(string(env, "greenhouse.client-id", SandboxSettings.DEFAULT_GREENHOUSE_CLIENT_ID));
        b.greenhouseClientSecret(string(env, "greenhouse.client-secret", SandboxSettings.DEFAULT_GREENHOUSE_CLIENT_SECRET));
        b.greenhouseTokenTtl(duration(env, "greenhouse.token-ttl", Duration.ofHours(1)));
        b.ashbyApiKey(string(env, "ashby.api-key", SandboxSettings.DEFAULT_ASHBY_API_KEY));
        b.ashbyWebhookUrl(uri(env, "ashby.webhook-url"));
        // An empty secret is meaningful for Ashby (unsigned webhooks), so it is read as given.
        b.ashbyWebhookSecret(env.getProperty(PREFIX + "ashby.webhook-secret", String.class)
                .orElse(SandboxSettings.DEFAULT_ASHBY_WEBHOOK_SECRET));
        b.ashbyRateLimit(env.getProperty(PREFIX + "ashby.rate-limit", Integer.class).orElse(0));
        b.ashbyRateLimitWindow(duration(env, "ashby.rate-limit-window", Duration.ofSeconds(1)));
        b.leverApiKey(string(env, "lever.api-key", SandboxSettings.DEFAULT_LEVER_API_KEY));
        b.leverRateLimit(env.getProperty(PREFIX + "lever.rate-limit", Integer.class).orElse(10));
        b.leverBurst(env.getProperty(PREFIX + "lever.burst", Integer.class).orElse(20));
        b.leverWebhookUrl(uri(env, "lever.webhook-url"));
        // One token per webhook, "<event>:<token>"; events not named keep the default. An empty token is meaningful for
        // Lever (no signing token generated: unsigned webhooks), so it is read as given.
        for (String entry : env.getProperty(PREFIX + "lever.webhook-signature-tokens", String.class).orElse("").split(",")) {
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
        b.leverConfidentialAccess(env.getProperty(PREFIX + "lever.confidential-access", Boolean.class).orElse(true));
        b.leverConfidentialRefusal(LeverConfidentialRefusal.valueOf(string(env, "lever.confidential-refusal", "FORBIDDEN")
                .trim().toUpperCase(java.util.Locale.ROOT)));
        b.leverRetryBody(LeverRetryBody.valueOf(string(env, "lever.retry-body", "SAME_BYTES").trim().toUpperCase(java.util.Locale.ROOT)));
        b.aiVendorApiKey(string(env, "ai-vendor.api-key", SandboxSettings.DEFAULT_AI_VENDOR_API_KEY));
        b.aiVendorWebhookUrl(uri(env, "ai-vendor.webhook-url"));
        b.aiVendorWebhookSecret(string(env, "ai-vendor.webhook-secret", SandboxSettings.DEFAULT_AI_VENDOR_WEBHOOK_SECRET));
        b.aiVendorSeed(env.getProperty(PREFIX + "ai-vendor.seed", Long.class).orElse(42L));
        b.aiVendorAutoCompleteAfter(duration(env, "ai-vendor.auto-complete-after", Duration.ZERO));
        b.retryTimeScale(env.getProperty(PREFIX + "retry-time-scale", Double.class).orElse(1.0));
        b.webhookTimeout(duration(env, "webhook-timeout", Duration.ofSeconds(10)));
        return b.build();
    }

    private static String string(Environment env, String key, String fallback) {
        String value = env.getProperty(PREFIX + key, String.class).orElse("");
        return value.isBlank() ? fallback : value;
    }

    private static Duration duration(Environment env, String key, Duration fallback) {
        return env.getProperty(PREFIX + key, Duration.class).orElse(fallback);
    }

    private static URI uri(Environment env, String key) {
        String value = env.getProperty(PREFIX + key, String.class).orElse("");
        if (value.isBlank()) {
            return null;
        }
        try {
            return URI.create(value.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(PREFIX + key + ": " + value + " is not a URL (expected: http(s)://host:port/path)");
        }
    }
}
