package io.atsbridge.sandbox.lever;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atsbridge.sandbox.http.SandboxJson;
import io.atsbridge.sandbox.http.WebhookDispatcher;
import io.atsbridge.sandbox.http.WebhookEvent;
import io.atsbridge.sandbox.http.WebhookLog;
import io.micronaut.core.annotation.Nullable;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntFunction;

/**
 * Lever webhooks: {@code {id, event, triggeredAt, token, signature, data}} with a fresh random 48-character
 * {@code token} per event and the signature over {@code token + triggeredAt} (see {@link LeverWebhookSignature}),
 * keyed with the signature token of that event's webhook — every Lever webhook, one event each, has its own
 * (help.lever.co, "What is Lever's Webhooks Subscription API?"). Sent with {@code User-Agent: Lever-Webhooks}. Any
 * 2xx is received; anything else, 3xx included, or no answer in time is a failure, after which "Lever will continue
 * trying to send the webhook five times, waiting longer and longer in between tries". The waits are not documented;
 * assumed 1, 2, 4, 8 and 16 minutes (scaled by the sandbox's retry time scale). Whether retries and a manual Rerun
 * carry the same bytes or a fresh token and triggeredAt is not documented either: {@link LeverRetryBody}.
 */
final class LeverWebhooks {

    /** The assumed waits before attempts 2..6. */
    static final List<Duration> RETRY_DELAYS = List.of(Duration.ofMinutes(1), Duration.ofMinutes(2),
            Duration.ofMinutes(4), Duration.ofMinutes(8), Duration.ofMinutes(16));

    static final String USER_AGENT = "Lever-Webhooks";

    private static final char[] TOKEN_ALPHABET = "0123456789abcdef".toCharArray();

    private final WebhookDispatcher dispatcher;
    private final SecureRandom random = new SecureRandom();
    private final WebhookLog log = new WebhookLog("Lever webhook event");
    private final LeverRetryBody retryBody;
    @Nullable
    private volatile URI endpoint;
    private volatile Map<String, String> signatureTokens;

    LeverWebhooks(WebhookDispatcher dispatcher, @Nullable URI endpoint, Map<String, String> signatureTokens,
                  LeverRetryBody retryBody) {
        this.dispatcher = dispatcher;
        this.endpoint = endpoint;
        this.signatureTokens = Map.copyOf(signatureTokens);
        this.retryBody = retryBody;
    }

    void configure(@Nullable URI endpoint, Map<String, String> signatureTokens) {
        for (Map.Entry<String, String> token : signatureTokens.entrySet()) {
            if (token.getValue() == null) {
                throw new IllegalArgumentException("Lever webhook signature token of " + token.getKey()
                        + ": null (expected: a token, or empty for unsigned webhooks)");
            }
        }
        this.endpoint = endpoint;
        this.signatureTokens = Map.copyOf(signatureTokens);
    }

    /** The signature token of each event's webhook. */
    Map<String, String> signatureTokens() {
        return signatureTokens;
    }

    /** Builds, records and delivers an event; returns its delivery id (the body's {@code id}). */
    String send(String event, ObjectNode data) {
        String id = UUID.randomUUID().toString();
        ObjectNode body = SandboxJson.object();
        body.put("id", id);
        body.put("triggeredAt", 0L);
        body.put("event", event);
        body.set("data", data);
        return record(id, event, SandboxJson.bytes(signed(body, event)));
    }

    /** The body with a fresh token and triggeredAt, signed with the event's webhook token (unsigned when it is empty). */
    private ObjectNode signed(ObjectNode body, String event) {
        ObjectNode copy = body.deepCopy();
        long triggeredAt = Instant.now().toEpochMilli();
        String token = token();
        copy.put("triggeredAt", triggeredAt);
        copy.put("token", token);
        copy.remove("signature");
        String key = signatureTokens.getOrDefault(event, "");
        if (!key.isEmpty()) {
            copy.put("signature", LeverWebhookSignature.sign(key, token, triggeredAt));
        }
        return copy;
    }

    String sendRaw(String event, byte[] body) {
        return record(UUID.randomUUID().toString(), event, body.clone());
    }

    void replay(String eventId) {
        deliver(log.event(eventId), true);
    }

    /** The events created and their delivery attempts. */
    WebhookLog log() {
        return log;
    }

    private String record(String id, String event, byte[] body) {
        deliver(log.created(new WebhookEvent(id, event, body, Instant.now())), false);
        return id;
    }

    /**
     * Delivers the recorded event: its first attempt carries the recorded bytes; retries (and a rerun) the same bytes, or
     * with {@link LeverRetryBody#RESIGNED} a fresh token and triggeredAt signed anew.
     */
    private void deliver(WebhookEvent event, boolean rerun) {
        URI target = endpoint;
        if (target == null) {
            return;
        }
        Map<String, String> headers = Map.of("Content-Type", "application/json", "User-Agent", USER_AGENT);
        IntFunction<byte[]> bodies = attempt -> (attempt == 1 && !rerun) || retryBody == LeverRetryBody.SAME_BYTES
                ? event.body() : resigned(event);
        dispatcher.deliver(new WebhookDispatcher.Delivery(event.id(), target, bodies, attempt -> headers,
                status -> status >= 200 && status < 300, RETRY_DELAYS, log::attempted));
    }

    /** The recorded body with a fresh token and triggeredAt; bodies that are not JSON objects (raw tests) go as they are. */
    private byte[] resigned(WebhookEvent event) {
        try {
            JsonNode body = SandboxJson.parse(event.bodyText());
            return body instanceof ObjectNode object ? SandboxJson.bytes(signed(object, event.type())) : event.body();
        } catch (RuntimeException notJson) {
            return event.body();
        }
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
