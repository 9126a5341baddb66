package io.atsbridge.consent.persistence;

import io.atsbridge.consent.domain.ConsentEntry;
import io.atsbridge.consent.domain.ConsentMethod;
import io.atsbridge.consent.domain.ConsentState;
import io.atsbridge.consent.domain.LedgerEntries;
import io.atsbridge.consent.domain.LedgerEntry;
import io.atsbridge.consent.domain.NoticeShown;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.model.Pageable;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The table {@code consent_entry}. */
@Singleton
final class JdbcLedgerEntries implements LedgerEntries {

    private final ConsentRepository entries;

    JdbcLedgerEntries(ConsentRepository entries) {
        this.entries = entries;
    }

    @Override
    public Optional<LedgerEntry> findByRequestId(String tenantId, String requestId) {
        return entries.findByTenantIdAndRequestId(tenantId, requestId).map(JdbcLedgerEntries::toDomain);
    }

    @Override
    public LedgerEntry append(String tenantId, String entryId, @Nullable String requestId,
                              @Nullable String requestFingerprint, ConsentEntry entry, Instant recordTime) {
        NoticeShown shown = entry.noticeShown();
        ConsentRow saved = entries.save(new ConsentRow(null, entryId, tenantId, entry.candidateId(), requestId,
                requestFingerprint, entry.purpose(), entry.dataCategory(), entry.jurisdiction(), entry.method().name(),
                entry.state().name(), entry.evidenceRef(),
                Objects.requireNonNull(entry.captureTime(), "ConsentLedger checked the capture time"), recordTime,
                entry.allParties(), shown == null ? null : shown.version(), shown == null ? null : shown.textSha256()));
        // Answer with the entry as stored, so this answer, a retry's and ListConsents' agree even where
        // the database keeps times less precisely than sent (MySQL Connector/J drops fractions of a
        // second when writing to MariaDB 10.x, which announces itself as server 5.5.5).
        return entries.findBySeq(seq(saved)).map(JdbcLedgerEntries::toDomain).orElseThrow(
                () -> new IllegalStateException("consent entry " + saved.entryId() + " vanished after insert"));
    }

    @Override
    public List<LedgerEntry> list(String tenantId, String candidateId, long afterSeq, int limit) {
        return entries.findByTenantIdAndCandidateIdAndSeqGreaterThanOrderBySeqAsc(
                        tenantId, candidateId, afterSeq, Pageable.from(0, limit))
                .stream().map(JdbcLedgerEntries::toDomain).toList();
    }

    /** The sequence number of a stored row (the database assigns it on insert). */
    private static long seq(ConsentRow row) {
        return Objects.requireNonNull(row.seq(), "a stored consent row has its seq");
    }

    private static LedgerEntry toDomain(ConsentRow row) {
        return new LedgerEntry(seq(row), row.entryId(), row.candidateId(), row.requestId(), row.requestFingerprint(),
                row.purpose(), row.dataCategory(), row.jurisdiction(), ConsentMethod.valueOf(row.consentMethod()),
                ConsentState.valueOf(row.consentState()), row.evidenceRef(), row.captureTime(), row.recordTime(),
                row.allParties(), noticeShown(row.noticeVersion(), row.textSha256()));
    }

    @Nullable
    private static NoticeShown noticeShown(@Nullable Integer version, @Nullable String textSha256) {
        return version == null || textSha256 == null ? null : new NoticeShown(version, textSha256);
    }
}
