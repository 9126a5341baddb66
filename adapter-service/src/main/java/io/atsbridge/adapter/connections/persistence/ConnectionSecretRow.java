package io.atsbridge.adapter.connections.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/**
 * One active webhook secret of a connection, sealed by the domain's secret cipher. {@code eventType} is the
 * vendor's event name the secret verifies (Lever's signature token of one webhook), null for a secret that
 * verifies any event.
 */
@MappedEntity("connection_secret")
public record ConnectionSecretRow(
        @Id String secretId,
        String connectionId,
        byte[] ciphertext,
        Instant createTime,
        @Nullable String eventType) {
}
