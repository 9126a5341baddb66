package io.atsbridge.adapter.connections.domain;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the edge gateway needs to verify and route a webhook that arrived for a connection id. It
 * holds decrypted secrets: never log it; {@link #toString()} does not print them.
 *
 * @param webhookSecrets      the active secrets that verify any event, as the UTF-8 bytes of the configured strings
 * @param webhookEventSecrets the active secrets that verify one event type each (Lever's signature tokens), by event
 */
public record WebhookConnection(
        String connectionId,
        String tenantId,
        Vendor vendor,
        ConnectionKind kind,
        boolean enabled,
        List<byte[]> webhookSecrets,
        Map<String, List<byte[]>> webhookEventSecrets) {

    public WebhookConnection {
        webhookSecrets = List.copyOf(webhookSecrets);
        Map<String, List<byte[]>> byEvent = new LinkedHashMap<>();
        webhookEventSecrets.forEach((event, secrets) -> byEvent.put(event, List.copyOf(secrets)));
        webhookEventSecrets = Collections.unmodifiableMap(byEvent);
    }

    @Override
    public String toString() {
        return "WebhookConnection[" + connectionId + ", tenant " + tenantId + ", " + vendor + ", " + kind + ", enabled "
                + enabled + ", " + webhookSecrets.size() + " webhook secret(s)"
                + (webhookEventSecrets.isEmpty() ? "" : ", webhook event secrets for " + webhookEventSecrets.keySet()) + "]";
    }
}
