package io.atsbridge.adapter.persistence;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** One active webhook secret of a connection, sealed by the domain's secret cipher. */
@MappedEntity("connection_secret")
public record ConnectionSecretRow(
        @Id String secretId,
        String connectionId,
        byte[] ciphertext,
        Instant createTime) {
}
