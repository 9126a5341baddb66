package io.atsbridge.consent.domain;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;

/**
 * A ledger entry as a caller submits it. Notices are entries too: purpose {@code notice:<notice id>} (e.g.
 * {@code notice:us-ny-nyc.ll144-aedt-notice}, with the version and hash of the text shown) or, the older form,
 * {@code notice:<rule id>} in lower case (e.g. {@code notice:nyc-04}), state {@link ConsentState#GRANTED},
 * captured when given.
 *
 * @param candidateId  the canonical candidate
 * @param purpose      what the consent is for, e.g. {@code ai_interview}
 * @param dataCategory the data category, e.g. {@code video}, or {@code *} for all
 * @param jurisdiction the jurisdiction it was captured under, e.g. {@code US-IL}
 * @param method       how it was captured
 * @param state        grant or withdrawal
 * @param evidenceRef  where the evidence is (no raw personal data)
 * @param captureTime  when the candidate gave or withdrew it; null when the caller sent none
 * @param allParties   whether the evidence shows every party to the recording consented
 * @param noticeShown  for a notice recorded by notice id, the text shown; null otherwise
 */
public record ConsentEntry(
        String candidateId,
        String purpose,
        String dataCategory,
        String jurisdiction,
        ConsentMethod method,
        ConsentState state,
        String evidenceRef,
        @Nullable Instant captureTime,
        boolean allParties,
        @Nullable NoticeShown noticeShown) {

    /** An entry that records no notice text. */
    public ConsentEntry(String candidateId, String purpose, String dataCategory, String jurisdiction,
                        ConsentMethod method, ConsentState state, String evidenceRef, @Nullable Instant captureTime,
                        boolean allParties) {
        this(candidateId, purpose, dataCategory, jurisdiction, method, state, evidenceRef, captureTime, allParties, null);
    }

    /** An entry for the candidate alone (not every party to a recording). */
    public ConsentEntry(String candidateId, String purpose, String dataCategory, String jurisdiction,
                        ConsentMethod method, ConsentState state, String evidenceRef, @Nullable Instant captureTime) {
        this(candidateId, purpose, dataCategory, jurisdiction, method, state, evidenceRef, captureTime, false);
    }
}
