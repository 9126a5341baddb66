package io.atsbridge.sandbox.lever;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atsbridge.sandbox.http.SandboxJson;
import io.atsbridge.sandbox.http.WebhookAttempt;
import io.atsbridge.sandbox.http.WebhookDispatcher;
import io.atsbridge.sandbox.http.WebhookEvent;
import io.micronaut.core.annotation.Nullable;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Lever webhooks: {@code {id, event, triggeredAt, token, signature, data}} with a fresh random 48-character
 * {@code token} per event and the signature over {@code token + triggeredAt} (see {@link LeverWebhookSignature}),
 * sent with {@code User-Agent: Lever-Webhooks}. Any 2xx is received; anything else, 3xx included, or no answer in
 * time is a failure, after which "Lever will continue trying to send the webhook five times, waiting longer and
 * longer in between tries". The waits are not documented; assumed 1, 2, 4, 8 and 16 minutes (scaled by the
 * sandbox's retry time scale). Every attempt of an event carries the same bytes (same token and signature).
 */
final class LeverWebhooks {

    /** The assumed waits before attempts 2..6. */
    static final List<Duration> RETRY_DELAYS = List.of(Duration.ofMinutes(1), Duration.ofMinutes(2),
            Duration.ofMinutes(4), Duration.ofMinutes(8), Duration.ofMinutes(16));

    static final String USER_AGENT = "Lever-Webhooks";

    private static final char[] TOKEN_ALPHABET = "0123456789abcdef".toCharArray();

    private final WebhookDispatcher dispatcher;
    private final SecureRandom random = new SecureRandom();
    private final List<WebhookEvent> events = new CopyOnWriteArrayList<>();
    private final List<WebhookAttempt> attempts = new CopyOnWriteArrayList<>();
    @Nullable
    private volatile URI endpoint;
    private volatile String signatureToken;

    LeverWebhooks(WebhookDispatcher dispatcher, @Nullable URI endpoint, String signatureToken) {
        this.dispatcher = dispatcher;
        this.endpoint = endpoint;
        this.signatureToken = signatureToken;
    }

    void configure(@Nullable URI endpoint, String signatureToken) {
        if (signatureToken == null) {
            throw new IllegalArgumentException("Lever webhook signature token: null (expected: a token, or empty for unsigned webhooks)");
        }
        this.endpoint = endpoint;
        this.signatureToken = signatureToken;
    }

    /** Builds, records and delivers an event; returns its delivery id (the body's {@code id}). */
    String send(String event, ObjectNode data) {
        String id = UUID.randomUUID().toString();
        long triggeredAt = Instant.now().toEpochMilli();
        String token = token();
        ObjectNode body = SandboxJson.object();
        body.put("id", id);
        body.put("triggeredAt", triggeredAt);
        body.put("event", event);
        body.set("data", data);
        body.put("token", token);
        String key = signatureToken;
        if (!key.isEmpty()) {
            body.put("signature", LeverWebhookSignature.sign(key, token, triggeredAt));
        }
        return record(id, event, SandboxJson.bytes(body));
    }

    String sendRaw(String event, byte[] body) {
        return record(UUID.randomUUID().toString(), event, body.clone());
    }

    void replay(String eventId) {
        WebhookEvent event = events.stream().filter(e -> e.id().equals(eventId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no Lever webhook event " + eventId + " was sent"));
        deliver(event);
    }

    List<WebhookEvent> events() {
        return List.copyOf(events);
    }

    List<WebhookAttempt> attempts() {
        return List.copyOf(attempts);
    }

    private String record(String id, String event, byte[] body) {
        WebhookEvent recorded = new WebhookEvent(id, event, body, Instant.now());
        events.add(recorded);
        deliver(recorded);
        return id;
    }

    private void deliver(WebhookEvent event) {
        URI target = endpoint;
        if (target == null) {
            return;
        }
        Map<String, String> headers = Map.of("Content-Type", "application/json", "User-Agent", USER_AGENT);
        dispatcher.deliver(new WebhookDispatcher.Delivery(event.id(), target, event.body(), attempt -> headers,
                status -> status >= 200 && status < 300, RETRY_DELAYS, attempts::add));
    }

    /** 48 random lowercase hex characters, like the documented example's token. */
    private String token() {
        char[] token = new char[48];
        for (int i = 0; i < token.length; i++) {
            token[i] = TOKEN_ALPHABET[random.nextInt(TOKEN_ALPHABET.length)];
        }
        return new String(token);
    }
}
