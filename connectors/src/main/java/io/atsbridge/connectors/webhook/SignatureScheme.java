package io.atsbridge.connectors.webhook;

import java.util.List;

/**
 * One vendor's way of signing webhooks. Implementations check the signature over the raw bytes in
 * constant time against every active secret (several during rotation) and throw a
 * {@link WebhookRejection} that names the header and scheme, never the secret.
 */
public interface SignatureScheme {

    /** The scheme's name in messages, e.g. {@code greenhouse-sha256}. */
    String name();

    /** Returns normally when one of the secrets signed the request. */
    void verify(WebhookRequest request, List<byte[]> secrets);

    /**
     * Returns normally when one of the connection's secrets that may sign this request did. By default those are
     * the secrets for any event; a vendor that signs each event type with its own secret (Lever) picks its own.
     */
    default void verify(WebhookRequest request, WebhookConnection connection) {
        verify(request, connection.secrets());
    }
}
