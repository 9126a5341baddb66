package io.atsbridge.identity.persistence;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.Optional;

@JdbcRepository(dialect = Dialect.MYSQL)
interface CandidateRepository extends GenericRepository<CandidateRow, String> {

    Optional<CandidateRow> findByIdAndTenantId(String id, String tenantId);

    CandidateRow save(CandidateRow row);

    CandidateRow update(CandidateRow row);
}
