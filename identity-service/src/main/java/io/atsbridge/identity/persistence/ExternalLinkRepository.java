package io.atsbridge.identity.persistence;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.MYSQL)
interface ExternalLinkRepository extends GenericRepository<ExternalLinkRow, Long> {

    Optional<ExternalLinkRow> findByTenantIdAndConnectionIdAndExternalKindAndExternalId(
            String tenantId, String connectionId, String externalKind, String externalId);

    List<ExternalLinkRow> findByTenantIdAndCandidateIdAndIdGreaterThanOrderByIdAsc(
            String tenantId, String candidateId, long afterId, Pageable pageable);

    ExternalLinkRow save(ExternalLinkRow row);

    /** Points the candidate links of candidate {@code fromId} at candidate {@code toId}; returns how many moved. */
    @Query("UPDATE external_link SET entity_id = :toId, candidate_id = :toId "
            + "WHERE tenant_id = :tenantId AND candidate_id = :fromId AND external_kind = 'CANDIDATE'")
    long moveCandidateLinks(String tenantId, String fromId, String toId);

    /** Gives candidate {@code toId} the other links (applications) of candidate {@code fromId}; returns how many moved. */
    @Query("UPDATE external_link SET candidate_id = :toId WHERE tenant_id = :tenantId AND candidate_id = :fromId")
    long moveOtherLinks(String tenantId, String fromId, String toId);
}
