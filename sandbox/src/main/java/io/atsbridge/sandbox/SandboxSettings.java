package io.atsbridge.sandbox;

import io.atsbridge.sandbox.signing.StandardWebhooksSignature;
import io.micronaut.core.annotation.Nullable;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How a sandbox runs: its port, the credentials each simulated vendor accepts, where their webhooks go,
 * rate limits, the AI vendor's seed and how fast retries come. Immutable; build with {@link #builder()}.
 * The defaults are the standalone server's (see {@code application-sandbox.yml}), except the port, which
 * is random (0) for in-process use.
 */
public final class SandboxSettings {

    /** The default Harvest API key the Greenhouse simulator accepts. */
    public static final String DEFAULT_GREENHOUSE_API_KEY = "sandbox-harvest-api-key";
    /** The default Greenhouse webhook secret key. */
    public static final String DEFAULT_GREENHOUSE_WEBHOOK_SECRET = "sandbox-greenhouse-webhook-secret";
    /** The default AI vendor API key (sent as {@code Authorization: Bearer <key>}). */
    public static final String DEFAULT_AI_VENDOR_API_KEY = "sandbox-ai-vendor-api-key";
    /** The default AI vendor webhook secret, Standard Webhooks form. */
    public static final String DEFAULT_AI_VENDOR_WEBHOOK_SECRET = "whsec_" + Base64.getEncoder()
            .encodeToString("sandbox-ai-vendor-webhook-key-01".getBytes(StandardCharsets.US_ASCII));

    private final int port;
    private final String greenhouseApiKey;
    private final int greenhouseRateLimit;
    private final Duration greenhouseRateLimitWindow;
    @Nullable
    private final URI greenhouseWebhookUrl;
    private final String greenhouseWebhookSecret;
    private final String aiVendorApiKey;
    @Nullable
    private final URI aiVendorWebhookUrl;
    private final String aiVendorWebhookSecret;
    private final long aiVendorSeed;
    private final Duration aiVendorAutoCompleteAfter;
    private final double retryTimeScale;
    private final Duration webhookTimeout;

    private SandboxSettings(Builder b) {
        this.port = b.port;
        this.greenhouseApiKey = b.greenhouseApiKey;
        this.greenhouseRateLimit = b.greenhouseRateLimit;
        this.greenhouseRateLimitWindow = b.greenhouseRateLimitWindow;
        this.greenhouseWebhookUrl = b.greenhouseWebhookUrl;
        this.greenhouseWebhookSecret = b.greenhouseWebhookSecret;
        this.aiVendorApiKey = b.aiVendorApiKey;
        this.aiVendorWebhookUrl = b.aiVendorWebhookUrl;
        this.aiVendorWebhookSecret = b.aiVendorWebhookSecret;
        this.aiVendorSeed = b.aiVendorSeed;
        this.aiVendorAutoCompleteAfter = b.aiVendorAutoCompleteAfter;
        this.retryTimeScale = b.retryTimeScale;
        this.webhookTimeout = b.webhookTimeout;
    }

    /** A builder with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these settings. */
    public Builder toBuilder() {
        return new Builder()
                .port(port)
                .greenhouseApiKey(greenhouseApiKey)
                .greenhouseRateLimit(greenhouseRateLimit)
                .greenhouseRateLimitWindow(greenhouseRateLimitWindow)
                .greenhouseWebhookUrl(greenhouseWebhookUrl)
                .greenhouseWebhookSecret(greenhouseWebhookSecret)
                .aiVendorApiKey(aiVendorApiKey)
                .aiVendorWebhookUrl(aiVendorWebhookUrl)
                .aiVendorWebhookSecret(aiVendorWebhookSecret)
                .aiVendorSeed(aiVendorSeed)
                .aiVendorAutoCompleteAfter(aiVendorAutoCompleteAfter)
                .retryTimeScale(retryTimeScale)
                .webhookTimeout(webhookTimeout);
    }

    /** The HTTP port; 0 picks a free one. */
    public int port() {
        return port;
    }

    /** The Harvest API key (HTTP Basic username, blank password). */
    public String greenhouseApiKey() {
        return greenhouseApiKey;
    }

    /** Requests per API key per rate-limit window ({@code X-RateLimit-Limit}). */
    public int greenhouseRateLimit() {
        return greenhouseRateLimit;
    }

    /** The rate-limit window; Greenhouse's is 10 seconds. */
    public Duration greenhouseRateLimitWindow() {
        return greenhouseRateLimitWindow;
    }

    /** Where Greenhouse webhooks go; none means events are recorded but not sent. */
    @Nullable
    public URI greenhouseWebhookUrl() {
        return greenhouseWebhookUrl;
    }

    /** The Greenhouse webhook secret key (HMAC key, used as its UTF-8 bytes). */
    public String greenhouseWebhookSecret() {
        return greenhouseWebhookSecret;
    }

    /** The AI vendor API key (Bearer token). */
    public String aiVendorApiKey() {
        return aiVendorApiKey;
    }

    /** Where the AI vendor's webhooks go; none means events are recorded but not sent. */
    @Nullable
    public URI aiVendorWebhookUrl() {
        return aiVendorWebhookUrl;
    }

    /** The AI vendor webhook secret, {@code whsec_<base64 key>}. */
    public String aiVendorWebhookSecret() {
        return aiVendorWebhookSecret;
    }

    /** The seed of the AI vendor's result generator; with an interview id it fixes the result. */
    public long aiVendorSeed() {
        return aiVendorSeed;
    }

    /** How long after creation an interview completes by itself; zero means only {@code complete(id)} completes it. */
    public Duration aiVendorAutoCompleteAfter() {
        return aiVendorAutoCompleteAfter;
    }

    /**
     * The factor applied to every vendor retry delay: 1 is the vendor's real schedule (Greenhouse's first retry
     * after 1 minute), 1/600 turns minutes into tenths of a second for tests and demos.
     */
    public double retryTimeScale() {
        return retryTimeScale;
    }

    /** How long a webhook receiver may take to answer before the attempt counts as failed. */
    public Duration webhookTimeout() {
        return webhookTimeout;
    }

    /** These settings as {@code atsbridge.sandbox.*} (and server) properties for the sandbox's application context. */
    public Map<String, Object> toProperties() {
        Map<String, Object> p = new LinkedHashMap<>();
        // Micronaut reads -1 as "any free port"; 0 is this API's spelling of the same.
        p.put("micronaut.server.port", port == 0 ? -1 : port);
        p.put("atsbridge.sandbox.greenhouse.api-key", greenhouseApiKey);
        p.put("atsbridge.sandbox.greenhouse.rate-limit", greenhouseRateLimit);
        p.put("atsbridge.sandbox.greenhouse.rate-limit-window", greenhouseRateLimitWindow.toMillis() + "ms");
        p.put("atsbridge.sandbox.greenhouse.webhook-url", greenhouseWebhookUrl == null ? "" : greenhouseWebhookUrl.toString());
        p.put("atsbridge.sandbox.greenhouse.webhook-secret", greenhouseWebhookSecret);
        p.put("atsbridge.sandbox.ai-vendor.api-key", aiVendorApiKey);
        p.put("atsbridge.sandbox.ai-vendor.webhook-url", aiVendorWebhookUrl == null ? "" : aiVendorWebhookUrl.toString());
        p.put("atsbridge.sandbox.ai-vendor.webhook-secret", aiVendorWebhookSecret);
        p.put("atsbridge.sandbox.ai-vendor.seed", aiVendorSeed);
        p.put("atsbridge.sandbox.ai-vendor.auto-complete-after", aiVendorAutoCompleteAfter.toMillis() + "ms");
        p.put("atsbridge.sandbox.retry-time-scale", Double.toString(retryTimeScale));
        p.put("atsbridge.sandbox.webhook-timeout", webhookTimeout.toMillis() + "ms");
        return p;
    }

    @Override
    public String toString() {
        // Keys and secrets stay out of logs, even the sandbox's made-up ones.
        return "SandboxSettings{port=" + port + ", greenhouseRateLimit=" + greenhouseRateLimit + "/"
                + greenhouseRateLimitWindow + ", greenhouseWebhookUrl=" + greenhouseWebhookUrl
                + ", aiVendorWebhookUrl=" + aiVendorWebhookUrl + ", aiVendorSeed=" + aiVendorSeed
                + ", aiVendorAutoCompleteAfter=" + aiVendorAutoCompleteAfter + ", retryTimeScale=" + retryTimeScale
                + ", webhookTimeout=" + webhookTimeout + "}";
    }

    /** Builds {@link SandboxSettings}; every setter checks its argument. */
    public static final class Builder {
        private int port;
        private String greenhouseApiKey = DEFAULT_GREENHOUSE_API_KEY;
        private int greenhouseRateLimit = 50;
        private Duration greenhouseRateLimitWindow = Duration.ofSeconds(10);
        @Nullable
        private URI greenhouseWebhookUrl;
        private String greenhouseWebhookSecret = DEFAULT_GREENHOUSE_WEBHOOK_SECRET;
        private String aiVendorApiKey = DEFAULT_AI_VENDOR_API_KEY;
        @Nullable
        private URI aiVendorWebhookUrl;
        private String aiVendorWebhookSecret = DEFAULT_AI_VENDOR_WEBHOOK_SECRET;
        private long aiVendorSeed = 42L;
        private Duration aiVendorAutoCompleteAfter = Duration.ZERO;
        private double retryTimeScale = 1.0;
        private Duration webhookTimeout = Duration.ofSeconds(10);

        private Builder() {
        }

        public Builder port(int port) {
            check(port >= 0 && port <= 65535, "port: %s (expected: 0..65535, 0 for any free port)", port);
            this.port = port;
            return this;
        }

        public Builder greenhouseApiKey(String apiKey) {
            check(apiKey != null && !apiKey.isBlank(), "greenhouseApiKey: blank (expected: a non-blank key)");
            this.greenhouseApiKey = apiKey;
            return this;
        }

        public Builder greenhouseRateLimit(int requestsPerWindow) {
            check(requestsPerWindow > 0, "greenhouseRateLimit: %s (expected: > 0)", requestsPerWindow);
            this.greenhouseRateLimit = requestsPerWindow;
            return this;
        }

        public Builder greenhouseRateLimitWindow(Duration window) {
            check(window != null && window.toMillis() > 0, "greenhouseRateLimitWindow: %s (expected: > 0)", window);
            this.greenhouseRateLimitWindow = window;
            return this;
        }

        public Builder greenhouseWebhookUrl(@Nullable URI url) {
            checkWebhookUrl("greenhouseWebhookUrl", url);
            this.greenhouseWebhookUrl = url;
            return this;
        }

        public Builder greenhouseWebhookSecret(String secretKey) {
            check(secretKey != null && !secretKey.isEmpty(), "greenhouseWebhookSecret: empty (expected: a secret key)");
            this.greenhouseWebhookSecret = secretKey;
            return this;
        }

        public Builder aiVendorApiKey(String apiKey) {
            check(apiKey != null && !apiKey.isBlank(), "aiVendorApiKey: blank (expected: a non-blank key)");
            this.aiVendorApiKey = apiKey;
            return this;
        }

        public Builder aiVendorWebhookUrl(@Nullable URI url) {
            checkWebhookUrl("aiVendorWebhookUrl", url);
            this.aiVendorWebhookUrl = url;
            return this;
        }

        public Builder aiVendorWebhookSecret(String secret) {
            check(secret != null && secret.startsWith("whsec_"),
                    "aiVendorWebhookSecret: not in whsec_<base64> form (expected: e.g. %s)", DEFAULT_AI_VENDOR_WEBHOOK_SECRET);
            StandardWebhooksSignature.keyOf(secret);
            this.aiVendorWebhookSecret = secret;
            return this;
        }

        public Builder aiVendorSeed(long seed) {
            this.aiVendorSeed = seed;
            return this;
        }

        public Builder aiVendorAutoCompleteAfter(Duration delay) {
            check(delay != null && !delay.isNegative(), "aiVendorAutoCompleteAfter: %s (expected: >= 0, 0 for manual)", delay);
            this.aiVendorAutoCompleteAfter = delay;
            return this;
        }

        public Builder retryTimeScale(double scale) {
            check(scale > 0 && scale <= 1000, "retryTimeScale: %s (expected: > 0 and <= 1000; 1 is the vendors' real schedule)", scale);
            this.retryTimeScale = scale;
            return this;
        }

        public Builder webhookTimeout(Duration timeout) {
            check(timeout != null && timeout.toMillis() > 0, "webhookTimeout: %s (expected: > 0)", timeout);
            this.webhookTimeout = timeout;
            return this;
        }

        public SandboxSettings build() {
            return new SandboxSettings(this);
        }

        private static void checkWebhookUrl(String name, @Nullable URI url) {
            if (url != null) {
                String scheme = Objects.requireNonNullElse(url.getScheme(), "");
                check((scheme.equals("http") || scheme.equals("https")) && url.getHost() != null,
                        "%s: %s (expected: an absolute http(s) URL)", name, url);
            }
        }

        private static void check(boolean condition, String message, Object... args) {
            if (!condition) {
                throw new IllegalArgumentException(String.format(message, args));
            }
        }
    }
}
