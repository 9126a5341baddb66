package io.atsbridge.sandbox.http;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * An event a simulator sent (or would have sent, with no endpoint configured), kept so tests can read and
 * replay it byte for byte.
 *
 * @param id        the delivery id (Greenhouse-Event-ID or webhook-id)
 * @param type      Greenhouse's {@code action} or the Standard Webhooks {@code type}
 * @param body      the exact bytes sent
 * @param createdAt when the event happened
 */
public record WebhookEvent(String id, String type, byte[] body, Instant createdAt) {

    /** The body as text (UTF-8). */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
