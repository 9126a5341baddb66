package io.atsbridge.adapter.connections.persistence;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.Collection;
import java.util.List;

/** The {@code connection_secret} table. */
@JdbcRepository(dialect = Dialect.MYSQL)
public interface ConnectionSecretRepository extends GenericRepository<ConnectionSecretRow, String> {

    List<ConnectionSecretRow> findByConnectionId(String connectionId);

    List<ConnectionSecretRow> findByConnectionIdIn(Collection<String> connectionIds);

    ConnectionSecretRow save(ConnectionSecretRow row);

    void deleteBySecretId(String secretId);
}
