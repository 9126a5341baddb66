package io.atsbridge.adapter.domain;

import java.util.List;

/**
 * What the edge gateway needs to verify and route a webhook that arrived for a connection id. It
 * holds decrypted secrets: never log it; {@link #toString()} does not print them.
 *
 * @param webhookSecrets the active secrets as the UTF-8 bytes of the configured strings
 */
public record WebhookConnection(
        String connectionId,
        String tenantId,
        Vendor vendor,
        ConnectionKind kind,
        boolean enabled,
        List<byte[]> webhookSecrets) {

    public WebhookConnection {
        webhookSecrets = List.copyOf(webhookSecrets);
    }

    @Override
    public String toString() {
        return "WebhookConnection[" + connectionId + ", tenant " + tenantId + ", " + vendor + ", " + kind + ", enabled "
                + enabled + ", " + webhookSecrets.size() + " webhook secret(s)]";
    }
}
