package io.atsbridge.adapter.connections.persistence;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.List;
import java.util.Optional;

/** The {@code connection} table. */
@JdbcRepository(dialect = Dialect.MYSQL)
public interface ConnectionRepository extends GenericRepository<ConnectionRow, String> {

    Optional<ConnectionRow> findByIdAndTenantId(String id, String tenantId);

    /** The row whatever its tenant: only for the tenant-free webhook lookup, which finds the tenant out. */
    Optional<ConnectionRow> findById(String id);

    /** The row, locked until the transaction ends, so that replicas starting together declare it one at a time. */
    Optional<ConnectionRow> findByIdForUpdate(String id);

    List<ConnectionRow> findByTenantIdAndIdGreaterThanOrderByIdAsc(String tenantId, String afterId, Pageable pageable);

    List<ConnectionRow> findByEnabledTrueOrderByIdAsc();

    ConnectionRow save(ConnectionRow row);

    ConnectionRow update(ConnectionRow row);
}
