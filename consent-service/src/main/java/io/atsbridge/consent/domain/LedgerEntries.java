package io.atsbridge.consent.domain;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The stored entries of every candidate's consent ledger; persistence implements it. Append-only: there is no
 * way to change or remove an entry.
 *
 * <p>Per tenant, at most one entry has a given request id: appending another fails with a duplicate key (see
 * {@link io.atsbridge.platform.database.SqlFailures#isDuplicateKey}).
 */
public interface LedgerEntries {

    /** The entry recorded under this request id, if any. */
    Optional<LedgerEntry> findByRequestId(String tenantId, String requestId);

    /**
     * Appends an entry and returns it as stored, so that this answer and every later read agree even where the
     * database keeps times less precisely than sent.
     *
     * @param requestId          the idempotency key, or null for none
     * @param requestFingerprint what identifies the content submitted under {@code requestId}, or null for none
     * @param entry              the entry, its capture time set and cut to microseconds
     */
    LedgerEntry append(String tenantId, String entryId, @Nullable String requestId,
                       @Nullable String requestFingerprint, ConsentEntry entry, Instant recordTime);

    /** Up to {@code limit} of the candidate's entries stored after entry {@code afterSeq}, in the order stored. */
    List<LedgerEntry> list(String tenantId, String candidateId, long afterSeq, int limit);
}
