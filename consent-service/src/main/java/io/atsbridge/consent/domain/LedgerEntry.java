package io.atsbridge.consent.domain;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;

/**
 * An entry as the ledger holds it: what was submitted ({@link ConsentEntry}), with the ids and the time the
 * ledger gave it.
 *
 * @param seq                the entry's place in the order entries were stored; list pages are cut by it
 * @param entryId            the entry's public id
 * @param requestId          the idempotency key it was recorded under; null when the caller sent none
 * @param requestFingerprint identifies the content submitted under {@code requestId}; null when there is none
 * @param captureTime        when the candidate gave or withdrew consent, to the microsecond
 * @param recordTime         when the ledger stored the entry
 * @param allParties         whether the evidence shows every party to the recording consented
 * @param noticeShown        for a notice recorded by notice id, the version and hash of the text shown; else null
 */
public record LedgerEntry(
        long seq,
        String entryId,
        String candidateId,
        @Nullable String requestId,
        @Nullable String requestFingerprint,
        String purpose,
        String dataCategory,
        String jurisdiction,
        ConsentMethod method,
        ConsentState state,
        String evidenceRef,
        Instant captureTime,
        Instant recordTime,
        boolean allParties,
        @Nullable NoticeShown noticeShown) {
}
