package io.atsbridge.connectors.webhook;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * A webhook request as received: the raw body bytes (signatures are over these exact bytes) and
 * the headers, with lower-case names.
 */
public record WebhookRequest(String connectionId, byte[] body, Map<String, String> headers, Instant receiveTime) {

    /** The header's value, by case-insensitive name, or null. */
    @Nullable
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }
}
