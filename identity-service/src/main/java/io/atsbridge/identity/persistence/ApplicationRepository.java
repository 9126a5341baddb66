package io.atsbridge.identity.persistence;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.Optional;

@JdbcRepository(dialect = Dialect.MYSQL)
public interface ApplicationRepository extends GenericRepository<ApplicationRow, String> {

    Optional<ApplicationRow> findByIdAndTenantId(String id, String tenantId);

    ApplicationRow save(ApplicationRow row);
}
