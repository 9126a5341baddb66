package io.atsbridge.consent.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/**
 * One entry of a candidate's consent ledger. Entries are only ever inserted: a withdrawal is a new
 * entry. {@code seq} is the storage order (and list position), {@code entryId} the public id.
 * {@code consentMethod} and {@code consentState} hold the names of the domain enums;
 * {@code requestFingerprint} identifies the content submitted under {@code requestId}; {@code allParties} says the
 * evidence shows every party to a recording consented; {@code noticeVersion} and {@code textSha256}
 * name the text a notice recorded by notice id showed (both null otherwise).
 */
@MappedEntity("consent_entry")
record ConsentRow(
        @Id @GeneratedValue @Nullable Long seq,
        String entryId,
        String tenantId,
        String candidateId,
        @Nullable String requestId,
        @Nullable String requestFingerprint,
        String purpose,
        String dataCategory,
        String jurisdiction,
        String consentMethod,
        String consentState,
        String evidenceRef,
        Instant captureTime,
        Instant recordTime,
        boolean allParties,
        @Nullable Integer noticeVersion,
        @Nullable String textSha256) {
}
