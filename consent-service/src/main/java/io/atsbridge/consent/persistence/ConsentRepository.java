package io.atsbridge.consent.persistence;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.List;
import java.util.Optional;

/** The consent ledger. It has no update or delete: the ledger is append-only. */
@JdbcRepository(dialect = Dialect.MYSQL)
interface ConsentRepository extends GenericRepository<ConsentRow, Long> {

    Optional<ConsentRow> findBySeq(long seq);

    Optional<ConsentRow> findByTenantIdAndRequestId(String tenantId, String requestId);

    List<ConsentRow> findByTenantIdAndCandidateIdAndSeqGreaterThanOrderBySeqAsc(
            String tenantId, String candidateId, long afterSeq, Pageable pageable);

    ConsentRow save(ConsentRow row);
}
