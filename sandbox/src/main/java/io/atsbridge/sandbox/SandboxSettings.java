package io.atsbridge.sandbox;

import io.atsbridge.sandbox.lever.LeverConfidentialRefusal;
import io.atsbridge.sandbox.lever.LeverRetryBody;
import io.atsbridge.sandbox.signing.StandardWebhooksSignature;
import io.micronaut.core.annotation.Nullable;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * How a sandbox runs: its port, the credentials each simulated vendor accepts, where their webhooks go,
 * rate limits, the AI vendor's seed and how fast retries come. Immutable; build with {@link #builder()}.
 * The defaults are the standalone server's (see {@code application-sandbox.yml}), except the port, which
 * is random (0) for in-process use.
 */
public final class SandboxSettings {

    /** The default Harvest API key the Greenhouse simulator accepts. */
    public static final String DEFAULT_GREENHOUSE_API_KEY = "sandbox-harvest-api-key";
    /** The default OAuth client id the Greenhouse simulator's Harvest v3 token endpoint accepts. */
    public static final String DEFAULT_GREENHOUSE_CLIENT_ID = "sandbox-harvest-v3-client-id";
    /** The default OAuth client secret the Greenhouse simulator's Harvest v3 token endpoint accepts. */
    public static final String DEFAULT_GREENHOUSE_CLIENT_SECRET = "sandbox-harvest-v3-client-secret";
    /** The default Greenhouse webhook secret key. */
    public static final String DEFAULT_GREENHOUSE_WEBHOOK_SECRET = "sandbox-greenhouse-webhook-secret";
    /** The default Ashby API key the Ashby simulator accepts (HTTP Basic user name, blank password). */
    public static final String DEFAULT_ASHBY_API_KEY = "sandbox-ashby-api-key";
    /** The default Ashby webhook secret token ({@code Ashby-Signature: sha256=<hex>}). */
    public static final String DEFAULT_ASHBY_WEBHOOK_SECRET = "sandbox-ashby-webhook-secret";
    /** The default Lever API key the Lever simulator accepts (HTTP Basic user name, blank password). */
    public static final String DEFAULT_LEVER_API_KEY = "sandbox-lever-api-key";
    /**
     * The Lever events the simulator has a webhook for, each with its own signature token (Lever: "A Webhook signature
     * token for each created Webhook", one event per webhook).
     */
    public static final List<String> LEVER_WEBHOOK_EVENTS = List.of("applicationCreated", "candidateStageChange",
            "candidateArchiveChange", "candidateHired", "candidateDeleted");
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
    private final String greenhouseClientId;
    private final String greenhouseClientSecret;
    private final Duration greenhouseTokenTtl;
    private final String ashbyApiKey;
    @Nullable
    private final URI ashbyWebhookUrl;
    private final String ashbyWebhookSecret;
    private final int ashbyRateLimit;
    private final Duration ashbyRateLimitWindow;
    private final String leverApiKey;
    private final int leverRateLimit;
    private final int leverBurst;
    @Nullable
    private final URI leverWebhookUrl;
    private final Map<String, String> leverWebhookSignatureTokens;
    private final boolean leverConfidentialAccess;
    private final LeverConfidentialRefusal leverConfidentialRefusal;
    private final LeverRetryBody leverRetryBody;
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
        this.greenhouseClientId = b.greenhouseClientId;
        this.greenhouseClientSecret = b.greenhouseClientSecret;
        this.greenhouseTokenTtl = b.greenhouseTokenTtl;
        this.ashbyApiKey = b.ashbyApiKey;
        this.ashbyWebhookUrl = b.ashbyWebhookUrl;
        this.ashbyWebhookSecret = b.ashbyWebhookSecret;
        this.ashbyRateLimit = b.ashbyRateLimit;
        this.ashbyRateLimitWindow = b.ashbyRateLimitWindow;
        this.leverApiKey = b.leverApiKey;
        this.leverRateLimit = b.leverRateLimit;
        this.leverBurst = b.leverBurst;
        this.leverWebhookUrl = b.leverWebhookUrl;
        this.leverWebhookSignatureTokens = Collections.unmodifiableMap(new LinkedHashMap<>(b.leverWebhookSignatureTokens));
        this.leverConfidentialAccess = b.leverConfidentialAccess;
        this.leverConfidentialRefusal = b.leverConfidentialRefusal;
        this.leverRetryBody = b.leverRetryBody;
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
                .greenhouseClientId(greenhouseClientId)
                .greenhouseClientSecret(greenhouseClientSecret)
                .greenhouseTokenTtl(greenhouseTokenTtl)
                .ashbyApiKey(ashbyApiKey)
                .ashbyWebhookUrl(ashbyWebhookUrl)
                .ashbyWebhookSecret(ashbyWebhookSecret)
                .ashbyRateLimit(ashbyRateLimit)
                .ashbyRateLimitWindow(ashbyRateLimitWindow)
                .leverApiKey(leverApiKey)
                .leverRateLimit(leverRateLimit)
                .leverBurst(leverBurst)
                .leverWebhookUrl(leverWebhookUrl)
                .leverWebhookSignatureTokens(leverWebhookSignatureTokens)
                .leverConfidentialAccess(leverConfidentialAccess)
                .leverConfidentialRefusal(leverConfidentialRefusal)
                .leverRetryBody(leverRetryBody)
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

    /** The Harvest v3 OAuth client id (HTTP Basic user name at the token endpoint). */
    public String greenhouseClientId() {
        return greenhouseClientId;
    }

    /** The Harvest v3 OAuth client secret (HTTP Basic password at the token endpoint). */
    public String greenhouseClientSecret() {
        return greenhouseClientSecret;
    }

    /** How long a Harvest v3 access token lives ({@code expires_in}); Greenhouse's is one hour. */
    public Duration greenhouseTokenTtl() {
        return greenhouseTokenTtl;
    }

    /** The Ashby API key (HTTP Basic user name, blank password). */
    public String ashbyApiKey() {
        return ashbyApiKey;
    }

    /** Where Ashby webhooks go; none means events are recorded but not sent. */
    @Nullable
    public URI ashbyWebhookUrl() {
        return ashbyWebhookUrl;
    }

    /** The Ashby webhook secret token (HMAC key, UTF-8); empty means webhooks go unsigned, as Ashby allows. */
    public String ashbyWebhookSecret() {
        return ashbyWebhookSecret;
    }

    /**
     * Requests per API key per {@link #ashbyRateLimitWindow()}; 0 (the default) means no limit. Ashby documents
     * no rate limit, so this exists only to exercise clients' 429 handling.
     */
    public int ashbyRateLimit() {
        return ashbyRateLimit;
    }

    /** The Ashby rate-limit window (when {@link #ashbyRateLimit()} is on). */
    public Duration ashbyRateLimitWindow() {
        return ashbyRateLimitWindow;
    }

    /** The Lever API key (HTTP Basic user name, blank password). */
    public String leverApiKey() {
        return leverApiKey;
    }

    /** Lever's steady request rate per API key, per second (token bucket refill); Lever documents 10. */
    public int leverRateLimit() {
        return leverRateLimit;
    }

    /** How many requests one Lever API key may send at once (token bucket size); Lever documents bursts up to 20. */
    public int leverBurst() {
        return leverBurst;
    }

    /** Where Lever webhooks go; none means events are recorded but not sent. */
    @Nullable
    public URI leverWebhookUrl() {
        return leverWebhookUrl;
    }

    /**
     * The signature token (HMAC key, UTF-8, of {@code token + triggeredAt}) of each Lever webhook, by its event: every
     * Lever webhook, one event each, has its own. An empty token means that webhook's deliveries carry no
     * {@code signature}, as when no signing token was generated in Lever.
     */
    public Map<String, String> leverWebhookSignatureTokens() {
        return leverWebhookSignatureTokens;
    }

    /** The signature token of the Lever webhook of this event. */
    public String leverWebhookSignatureToken(String event) {
        String token = leverWebhookSignatureTokens.get(event);
        if (token == null) {
            throw new IllegalArgumentException("Lever event: " + event + " (expected: one of " + LEVER_WEBHOOK_EVENTS + ")");
        }
        return token;
    }

    /** The default signature token of the Lever webhook of an event: {@code sandbox-lever-<event>-signature-token}. */
    public static String defaultLeverWebhookSignatureToken(String event) {
        return "sandbox-lever-" + event + "-signature-token";
    }

    /**
     * Whether the Lever API key was generated with "Allow access to confidential data" (Lever grants it only when a key
     * is created; default true). Without it, confidential postings and their opportunities are refused or hidden as
     * {@link #leverConfidentialRefusal()} says.
     */
    public boolean leverConfidentialAccess() {
        return leverConfidentialAccess;
    }

    /**
     * How Lever's documented "access error" for a key without confidential access looks — its status is not documented,
     * so configurable: {@link LeverConfidentialRefusal#FORBIDDEN} (403, the default) or {@link LeverConfidentialRefusal#HIDDEN}.
     */
    public LeverConfidentialRefusal leverConfidentialRefusal() {
        return leverConfidentialRefusal;
    }

    /**
     * What a Lever retry and a manual Rerun carry — not documented, so configurable: the same bytes (the default) or a
     * fresh token and triggeredAt, signed anew.
     */
    public LeverRetryBody leverRetryBody() {
        return leverRetryBody;
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
        p.put("atsbridge.sandbox.greenhouse.client-id", greenhouseClientId);
        p.put("atsbridge.sandbox.greenhouse.client-secret", greenhouseClientSecret);
        p.put("atsbridge.sandbox.greenhouse.token-ttl", greenhouseTokenTtl.toMillis() + "ms");
        p.put("atsbridge.sandbox.ashby.api-key", ashbyApiKey);
        p.put("atsbridge.sandbox.ashby.webhook-url", ashbyWebhookUrl == null ? "" : ashbyWebhookUrl.toString());
        p.put("atsbridge.sandbox.ashby.webhook-secret", ashbyWebhookSecret);
        p.put("atsbridge.sandbox.ashby.rate-limit", ashbyRateLimit);
        p.put("atsbridge.sandbox.ashby.rate-limit-window", ashbyRateLimitWindow.toMillis() + "ms");
        p.put("atsbridge.sandbox.lever.api-key", leverApiKey);
        p.put("atsbridge.sandbox.lever.rate-limit", leverRateLimit);
        p.put("atsbridge.sandbox.lever.burst", leverBurst);
        p.put("atsbridge.sandbox.lever.webhook-url", leverWebhookUrl == null ? "" : leverWebhookUrl.toString());
        p.put("atsbridge.sandbox.lever.webhook-signature-tokens", leverWebhookSignatureTokens.entrySet().stream()
                .map(e -> e.getKey() + ":" + e.getValue()).collect(Collectors.joining(",")));
        p.put("atsbridge.sandbox.lever.confidential-access", leverConfidentialAccess);
        p.put("atsbridge.sandbox.lever.confidential-refusal", leverConfidentialRefusal.name());
        p.put("atsbridge.sandbox.lever.retry-body", leverRetryBody.name());
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
        private String greenhouseClientId = DEFAULT_GREENHOUSE_CLIENT_ID;
        private String greenhouseClientSecret = DEFAULT_GREENHOUSE_CLIENT_SECRET;
        private Duration greenhouseTokenTtl = Duration.ofHours(1);
        private String ashbyApiKey = DEFAULT_ASHBY_API_KEY;
        @Nullable
        private URI ashbyWebhookUrl;
        private String ashbyWebhookSecret = DEFAULT_ASHBY_WEBHOOK_SECRET;
        private int ashbyRateLimit;
        private Duration ashbyRateLimitWindow = Duration.ofSeconds(1);
        private String leverApiKey = DEFAULT_LEVER_API_KEY;
        private int leverRateLimit = 10;
        private int leverBurst = 20;
        @Nullable
        private URI leverWebhookUrl;
        private final Map<String, String> leverWebhookSignatureTokens = new LinkedHashMap<>();
        private boolean leverConfidentialAccess = true;
        private LeverConfidentialRefusal leverConfidentialRefusal = LeverConfidentialRefusal.FORBIDDEN;
        private LeverRetryBody leverRetryBody = LeverRetryBody.SAME_BYTES;
        private String aiVendorApiKey = DEFAULT_AI_VENDOR_API_KEY;
        @Nullable
        private URI aiVendorWebhookUrl;
        private String aiVendorWebhookSecret = DEFAULT_AI_VENDOR_WEBHOOK_SECRET;
        private long aiVendorSeed = 42L;
        private Duration aiVendorAutoCompleteAfter = Duration.ZERO;
        private double retryTimeScale = 1.0;
        private Duration webhookTimeout = Duration.ofSeconds(10);

        private Builder() {
            LEVER_WEBHOOK_EVENTS.forEach(event -> leverWebhookSignatureTokens.put(event, defaultLeverWebhookSignatureToken(event)));
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

        public Builder greenhouseClientId(String clientId) {
            check(clientId != null && !clientId.isBlank(), "greenhouseClientId: blank (expected: a non-blank OAuth client id)");
            this.greenhouseClientId = clientId;
            return this;
        }

        public Builder greenhouseClientSecret(String clientSecret) {
            check(clientSecret != null && !clientSecret.isBlank(), "greenhouseClientSecret: blank (expected: a non-blank OAuth client secret)");
            this.greenhouseClientSecret = clientSecret;
            return this;
        }

        /** Access token lifetime; tests use seconds to see refreshes. */
        public Builder greenhouseTokenTtl(Duration ttl) {
            check(ttl != null && ttl.toMillis() >= 1000, "greenhouseTokenTtl: %s (expected: >= 1 s; expires_in is whole seconds)", ttl);
            this.greenhouseTokenTtl = ttl;
            return this;
        }

        public Builder ashbyApiKey(String apiKey) {
            check(apiKey != null && !apiKey.isBlank(), "ashbyApiKey: blank (expected: a non-blank key)");
            this.ashbyApiKey = apiKey;
            return this;
        }

        public Builder ashbyWebhookUrl(@Nullable URI url) {
            checkWebhookUrl("ashbyWebhookUrl", url);
            this.ashbyWebhookUrl = url;
            return this;
        }

        /** The secret token Ashby signs webhooks with; empty sends them unsigned (Ashby makes the secret optional). */
        public Builder ashbyWebhookSecret(String secretToken) {
            check(secretToken != null, "ashbyWebhookSecret: null (expected: a secret token, or empty for unsigned webhooks)");
            this.ashbyWebhookSecret = secretToken;
            return this;
        }

        /** Requests per key per window; 0 turns the limit off (Ashby documents none). */
        public Builder ashbyRateLimit(int requestsPerWindow) {
            check(requestsPerWindow >= 0, "ashbyRateLimit: %s (expected: >= 0, 0 for no limit)", requestsPerWindow);
            this.ashbyRateLimit = requestsPerWindow;
            return this;
        }

        public Builder ashbyRateLimitWindow(Duration window) {
            check(window != null && window.toMillis() > 0, "ashbyRateLimitWindow: %s (expected: > 0)", window);
            this.ashbyRateLimitWindow = window;
            return this;
        }

        public Builder leverApiKey(String apiKey) {
            check(apiKey != null && !apiKey.isBlank(), "leverApiKey: blank (expected: a non-blank key)");
            this.leverApiKey = apiKey;
            return this;
        }

        /** Steady requests per second per key (Lever: 10). */
        public Builder leverRateLimit(int requestsPerSecond) {
            check(requestsPerSecond > 0, "leverRateLimit: %s (expected: > 0 requests per second)", requestsPerSecond);
            this.leverRateLimit = requestsPerSecond;
            return this;
        }

        /** Requests a key may send at once (Lever: 20). */
        public Builder leverBurst(int burst) {
            check(burst > 0, "leverBurst: %s (expected: > 0 requests)", burst);
            this.leverBurst = burst;
            return this;
        }

        public Builder leverWebhookUrl(@Nullable URI url) {
            checkWebhookUrl("leverWebhookUrl", url);
            this.leverWebhookUrl = url;
            return this;
        }

        /** The token the Lever webhook of this event is signed with; empty sends its deliveries without {@code signature}. */
        public Builder leverWebhookSignatureToken(String event, String signatureToken) {
            check(LEVER_WEBHOOK_EVENTS.contains(event), "leverWebhookSignatureToken: event %s (expected: one of %s)", event,
                    LEVER_WEBHOOK_EVENTS);
            check(signatureToken != null, "leverWebhookSignatureToken: null for %s (expected: a token, or empty for unsigned "
                    + "webhooks)", event);
            this.leverWebhookSignatureTokens.put(event, signatureToken);
            return this;
        }

        /** The tokens of the Lever webhooks by event (events not named keep theirs). */
        public Builder leverWebhookSignatureTokens(Map<String, String> tokens) {
            check(tokens != null, "leverWebhookSignatureTokens: null (expected: tokens by event)");
            tokens.forEach(this::leverWebhookSignatureToken);
            return this;
        }

        /** Whether the Lever API key may read confidential data (Lever: chosen when the key is generated). */
        public Builder leverConfidentialAccess(boolean access) {
            this.leverConfidentialAccess = access;
            return this;
        }

        /** The form of the access error a key without confidential access gets (Lever documents no status). */
        public Builder leverConfidentialRefusal(LeverConfidentialRefusal refusal) {
            check(refusal != null, "leverConfidentialRefusal: null (expected: FORBIDDEN or HIDDEN)");
            this.leverConfidentialRefusal = refusal;
            return this;
        }

        /** What Lever's retries and reruns carry (not documented by Lever). */
        public Builder leverRetryBody(LeverRetryBody body) {
            check(body != null, "leverRetryBody: null (expected: SAME_BYTES or RESIGNED)");
            this.leverRetryBody = body;
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
