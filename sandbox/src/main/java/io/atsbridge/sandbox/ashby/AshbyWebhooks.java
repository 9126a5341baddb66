package io.atsbridge.sandbox.ashby;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atsbridge.sandbox.http.SandboxJson;
import io.atsbridge.sandbox.http.WebhookAttempt;
import io.atsbridge.sandbox.http.WebhookDispatcher;
import io.atsbridge.sandbox.http.WebhookEvent;
import io.atsbridge.sandbox.http.WebhookLog;
import io.micronaut.core.annotation.Nullable;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Ashby webhooks: envelope {@code {"webhookActionId", "action", "data"}} (docs/common-payload-data), signed
 * {@code Ashby-Signature: sha256=<hex>} when a secret token is set, and delivered with Ashby's retry policy
 * (docs/retries): a non-2xx answer or no answer is retried, up to 10 attempts, the delay after failed attempt
 * n being (2^n − 1) × 10 s (scaled by the sandbox's retry time scale); 401, 403, 404, 405 and 410 are not retried.
 * Related webhooks (candidateStageChange → applicationUpdate, ...) are separate deliveries sharing one
 * webhookActionId.
 */
final class AshbyWebhooks {

    /** Ashby makes at most this many attempts per delivery. */
    static final int MAX_ATTEMPTS = 10;
    /** Answers Ashby does not retry. */
    static final Set<Integer> NOT_RETRIED = Set.of(401, 403, 404, 405, 410);
    static final String USER_AGENT = "Ashby-Webhooks (atsbridge sandbox)";

    private final WebhookDispatcher dispatcher;
    private final WebhookLog log = new WebhookLog("Ashby webhook delivery");
    @Nullable
    private volatile URI endpoint;
    private volatile String secretToken;

    AshbyWebhooks(WebhookDispatcher dispatcher, @Nullable URI endpoint, String secretToken) {
        this.dispatcher = dispatcher;
        this.endpoint = endpoint;
        this.secretToken = secretToken;
    }

    /** The delay Ashby waits after failed attempt {@code n} (1-based): (2^n − 1) × 10 s. */
    static Duration delayAfter(int attempt) {
        return Duration.ofSeconds(((1L << attempt) - 1) * 10);
    }

    void configure(@Nullable URI endpoint, String secretToken) {
        if (secretToken == null) {
            throw new IllegalArgumentException("Ashby webhook secret token: null (expected: the token, or empty for unsigned)");
        }
        this.endpoint = endpoint;
        this.secretToken = secretToken;
    }

    /** Records and delivers one webhook; returns its delivery id. */
    String send(String webhookActionId, String action, ObjectNode data) {
        ObjectNode envelope = SandboxJson.object();
        envelope.put("webhookActionId", webhookActionId);
        envelope.put("action", action);
        envelope.set("data", data.deepCopy());
        return sendRaw(action, SandboxJson.bytes(envelope));
    }

    String sendRaw(String action, byte[] body) {
        WebhookEvent event = log.created(new WebhookEvent(UUID.randomUUID().toString(), action, body.clone(), Instant.now()));
        attempt(event, 1);
        return event.id();
    }

    void replay(String deliveryId) {
        attempt(log.event(deliveryId), 1);
    }

    /** The events created and their delivery attempts. */
    WebhookLog log() {
        return log;
    }

    /**
     * One attempt through the shared dispatcher (which runs single attempts here: Ashby's stop-on-status rule is
     * not a plain delay schedule), then the next one scheduled from its outcome.
     */
    private void attempt(WebhookEvent event, int attempt) {
        URI target = endpoint;
        if (target == null) {
            return;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("User-Agent", USER_AGENT);
        String secret = secretToken;
        if (!secret.isEmpty()) {
            headers.put(AshbySignature.HEADER, AshbySignature.headerValue(secret, event.body()));
        }
        Map<String, String> fixed = Map.copyOf(headers);
        dispatcher.deliver(new WebhookDispatcher.Delivery(event.id(), target, event.body(), n -> fixed,
                status -> status >= 200 && status < 300, List.of(), single -> {
                    boolean stop = single.delivered() || NOT_RETRIED.contains(single.statusCode()) || attempt >= MAX_ATTEMPTS;
                    log.attempted(new WebhookAttempt(event.id(), attempt, single.statusCode(), single.delivered(),
                            single.error(), single.at(), stop));
                    if (!stop) {
                        dispatcher.later(() -> attempt(event, attempt + 1), dispatcher.scaled(delayAfter(attempt)));
                    }
                }));
    }
}
