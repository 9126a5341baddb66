package io.atsbridge.adapter.outbound.persistence;

import io.atsbridge.adapter.connections.domain.SealedSecretStore;
import io.atsbridge.adapter.connections.persistence.SealedColumn;
import io.atsbridge.adapter.outbound.domain.OutboundSecrets;
import io.micronaut.context.annotation.Factory;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.util.List;

/** The column of the {@code subscriber} table that holds sealed signing secrets. */
@Factory
final class SealedSubscriberColumns {

    @Singleton
    @Named("subscriber-secrets")
    SealedSecretStore secrets(TransactionOperations<Connection> transactions) {
        return new SealedColumn(transactions, "subscriber signing secrets", "subscriber", List.of("id"),
                "secret_ciphertext", List.of(), row -> OutboundSecrets.binding(row.getString("id")));
    }
}
