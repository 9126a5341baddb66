package io.atsbridge.adapter.connections.domain;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;

/**
 * One active webhook secret of a connection as {@link ConnectionStore} keeps it, sealed by {@link SecretCipher}.
 * {@code eventType} is the vendor's event name the secret verifies (Lever's signature token of one webhook),
 * null for a secret that verifies any event.
 */
public record StoredSecret(
        String secretId,
        String connectionId,
        byte[] ciphertext,
        Instant createTime,
        @Nullable String eventType) {

    @Override
    public String toString() {
        // The ciphertext says nothing useful in a log line.
        return "StoredSecret[" + secretId + ", connection " + connectionId + ", event " + eventType + "]";
    }
}
