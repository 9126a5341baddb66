package io.atsbridge.adapter.connections.persistence;

import io.atsbridge.adapter.connections.domain.ConnectionDirectory;
import io.atsbridge.adapter.connections.domain.SealedSecretStore;
import io.micronaut.context.annotation.Factory;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.util.List;

/** The columns of the {@code connection} and {@code connection_secret} tables that hold sealed secrets. */
@Factory
final class SealedConnectionColumns {

    @Singleton
    @Named("connection-credentials")
    SealedSecretStore credentials(TransactionOperations<Connection> transactions) {
        return new SealedColumn(transactions, "connection credentials", "connection", List.of("id"),
                "credentials_ciphertext", List.of(), row -> ConnectionDirectory.credentialsBinding(row.getString("id")));
    }

    @Singleton
    @Named("connection-webhook-secrets")
    SealedSecretStore webhookSecrets(TransactionOperations<Connection> transactions) {
        return new SealedColumn(transactions, "connection webhook secrets", "connection_secret", List.of("secret_id"),
                "ciphertext", List.of("connection_id", "event_type"), row -> ConnectionDirectory.webhookSecretBinding(
                        row.getString("connection_id"), row.getString("event_type")));
    }
}
