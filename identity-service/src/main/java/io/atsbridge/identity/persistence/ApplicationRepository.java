package io.atsbridge.identity.persistence;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.MYSQL)
interface ApplicationRepository extends GenericRepository<ApplicationRow, String> {

    Optional<ApplicationRow> findByIdAndTenantId(String id, String tenantId);

    ApplicationRow save(ApplicationRow row);

    /** Gives candidate {@code toId} the applications of candidate {@code fromId}; returns how many moved. */
    @Query("UPDATE application SET candidate_id = :toId, update_time = :now "
            + "WHERE tenant_id = :tenantId AND candidate_id = :fromId")
    long moveApplications(String tenantId, String fromId, String toId, Instant now);
}
