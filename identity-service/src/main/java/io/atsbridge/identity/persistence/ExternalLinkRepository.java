package io.atsbridge.identity.persistence;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.MYSQL)
public interface ExternalLinkRepository extends GenericRepository<ExternalLinkRow, Long> {

    Optional<ExternalLinkRow> findByTenantIdAndConnectionIdAndExternalKindAndExternalId(
            String tenantId, String connectionId, String externalKind, String externalId);

    List<ExternalLinkRow> findByTenantIdAndCandidateIdAndIdGreaterThanOrderByIdAsc(
            String tenantId, String candidateId, long afterId, Pageable pageable);

    ExternalLinkRow save(ExternalLinkRow row);
}
