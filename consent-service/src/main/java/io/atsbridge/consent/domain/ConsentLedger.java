package io.atsbridge.consent.domain;

import io.atsbridge.platform.database.SqlFailures;
import io.atsbridge.platform.error.DomainException;
import io.atsbridge.platform.paging.PageRequest;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Candidates' consent ledgers: append-only lists of grants, withdrawals and notices. Nothing here
 * updates or deletes an entry; what a candidate decided later is a later entry.
 */
@Singleton
public final class ConsentLedger {

    /** The jurisdiction of a withdrawal that applies everywhere. */
    static final String EVERYWHERE = "*";
    static final int MAX_CANDIDATE_ID_LENGTH = 64;
    static final int MAX_REQUEST_ID_LENGTH = 100;
    static final int MAX_EVIDENCE_REF_LENGTH = 500;
    /** Capture times may run ahead of this service's clock by this much (the caller's clock may differ). */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    /** The most entries one evaluation reads; a ledger beyond it is refused rather than read in part. */
    static final int MAX_HISTORY = 10_000;
    private static final int PAGE_DEFAULT = 100;
    private static final int PAGE_MAX = 500;

    private final LedgerEntries entries;
    private final Clock clock;
    private final NoticeCatalogue notices;

    ConsentLedger(LedgerEntries entries, Clock clock, NoticeCatalogue notices) {
        this.entries = entries;
        this.clock = clock;
        this.notices = notices;
    }


    /**
     * Appends an entry. A non-empty {@code requestId} makes the call safe to retry: the same request
     * id returns the entry it stored.
     *
     * <p>A notice granted as {@code notice:<notice id>} must name the version and SHA-256 of the text shown,
     * and {@code noticeVariables} must be the variables it was rendered with: the text is rendered again and
     * must give that hash, so the ledger never holds a text the catalogue cannot reproduce. The variables are
     * used for that check only and not stored.
     *
     * @throws DomainException INVALID_ARGUMENT when a field is malformed; ALREADY_EXISTS
     *                         (REQUEST_ID_REUSED) when the request id stored a different entry
     */
    public LedgerEntry record(String tenantId, String requestId, ConsentEntry entry, Map<String, String> noticeVariables) {
        DomainException.checkArgument(requestId.length() <= MAX_REQUEST_ID_LENGTH, "REQUEST_ID_INVALID",
                "request_id is %s characters (expected: at most %s, or empty)", requestId.length(), MAX_REQUEST_ID_LENGTH);
        checkCandidateId("consent.candidate_id", entry.candidateId());
        boolean withdrawal = entry.state() == ConsentState.WITHDRAWN;
        ConsentPurposes.check("consent.purpose", entry.purpose(), withdrawal);
        DataCategories.checkOrAll("consent.data_category", entry.dataCategory());
        if (!(withdrawal && entry.jurisdiction().equals(EVERYWHERE))) {
            Jurisdictions.check("consent.jurisdiction", entry.jurisdiction());
        }
        checkNotice(entry, noticeVariables);
        DomainException.checkArgument(!entry.evidenceRef().isBlank(), "EVIDENCE_REF_MISSING",
                "consent.evidence_ref is empty (expected: a reference to the signed form, page version or "
                        + "recording offset that proves the entry)");
        DomainException.checkArgument(entry.evidenceRef().length() <= MAX_EVIDENCE_REF_LENGTH, "EVIDENCE_REF_TOO_LONG",
                "consent.evidence_ref is %s characters (expected: at most %s; store the evidence elsewhere and "
                        + "reference it)", entry.evidenceRef().length(), MAX_EVIDENCE_REF_LENGTH);
        DomainException.checkArgument(entry.captureTime() != null, "CAPTURE_TIME_MISSING",
                "consent.capture_time is unset (expected: when the candidate gave or withdrew consent)");
        Instant now = now();
        // Not null: the check above rejected that.
        Instant capture = Objects.requireNonNull(entry.captureTime()).truncatedTo(ChronoUnit.MICROS);
        DomainException.checkArgument(!capture.isAfter(now.plus(CLOCK_SKEW)), "CAPTURE_TIME_IN_FUTURE",
                "consent.capture_time: %s is more than %s minutes after now (%s); send the time consent was "
                        + "actually captured", capture, CLOCK_SKEW.toMinutes(), now);

        String fingerprint = requestId.isEmpty() ? null : fingerprint(entry, capture);
        if (fingerprint != null) {
            Optional<LedgerEntry> earlier = entries.findByRequestId(tenantId, requestId);
            if (earlier.isPresent()) {
                return sameOrRefuse(earlier.get(), requestId, fingerprint);
            }
        }
        ConsentEntry captured = new ConsentEntry(entry.candidateId(), entry.purpose(), entry.dataCategory(),
                entry.jurisdiction(), entry.method(), entry.state(), entry.evidenceRef(), capture, entry.allParties(),
                entry.noticeShown());
        try {
            return entries.append(tenantId, UUID.randomUUID().toString(), requestId.isEmpty() ? null : requestId,
                    fingerprint, captured, now);
        } catch (RuntimeException e) {
            // A concurrent retry with the same request id stored first: answer with its entry.
            if (fingerprint == null || !SqlFailures.isDuplicateKey(e)) {
                throw e;
            }
            return sameOrRefuse(entries.findByRequestId(tenantId, requestId).orElseThrow(() -> e), requestId, fingerprint);
        }
    }

    /** One page of the candidate's ledger, in the order entries were stored. */
    public ConsentPage list(String tenantId, String candidateId, int pageSize, String pageToken) {
        PageRequest page = PageRequest.of(pageSize, pageToken, PAGE_DEFAULT, PAGE_MAX);
        checkCandidateId("candidate_id", candidateId);
        List<LedgerEntry> stored = entries.list(tenantId, candidateId, page.afterNumber(0), page.size() + 1);
        PageRequest.Page<LedgerEntry> shown = page.slice(stored, entry -> String.valueOf(entry.seq()));
        return new ConsentPage(shown.items(), shown.nextPageToken());
    }

    /**
     * The candidate's entries captured at or before {@code at}, in capture order (storage order among
     * equal times), as an evaluation for that moment must see them.
     */
    List<LedgerEntry> history(String tenantId, String candidateId, Instant at) {
        List<LedgerEntry> stored = entries.list(tenantId, candidateId, 0, MAX_HISTORY + 1);
        if (stored.size() > MAX_HISTORY) {
            throw DomainException.failedPrecondition("LEDGER_TOO_LARGE",
                    "candidate %s has more than %s consent ledger entries; this is not a real consent history "
                            + "(check the caller that records them)", candidateId, MAX_HISTORY);
        }
        return stored.stream()
                .filter(entry -> !entry.captureTime().isAfter(at))
                .sorted(Comparator.comparing(LedgerEntry::captureTime).thenComparing(LedgerEntry::seq))
                .toList();
    }

    /** Throws INVALID_ARGUMENT unless the candidate id is present and of a sane length. */
    static void checkCandidateId(String field, String candidateId) {
        DomainException.checkArgument(!candidateId.isBlank(), "CANDIDATE_ID_MISSING",
                "%s is empty (expected: the canonical candidate id)", field);
        DomainException.checkArgument(candidateId.length() <= MAX_CANDIDATE_ID_LENGTH
                        && candidateId.strip().equals(candidateId), "CANDIDATE_ID_INVALID",
                "%s: '%s' (expected: 1..%s characters without surrounding spaces)",
                field, candidateId, MAX_CANDIDATE_ID_LENGTH);
    }

    /** A notice by notice id names a text of the catalogue; every other entry names none. */
    private void checkNotice(ConsentEntry entry, Map<String, String> noticeVariables) {
        String noticeId = ConsentPurposes.noticeId(entry.purpose());
        NoticeShown shown = entry.noticeShown();
        if (noticeId != null && entry.state() == ConsentState.GRANTED) {
            DomainException.checkArgument(shown != null, "NOTICE_VERSION_MISSING", "consent.notice_version and "
                    + "consent.text_sha256 are unset (expected: for purpose %s, the version and text_sha256 GetNotice "
                    + "returned for the text shown)", entry.purpose());
            notices.checkShown(noticeId, Objects.requireNonNull(shown), noticeVariables);
            return;
        }
        if (noticeId != null) {
            // A withdrawal (a notice recorded in error) names the notice only; it must still be a real one.
            notices.get(noticeId, 0, NoticeCatalogue.DEFAULT_LANGUAGE);
        }
        DomainException.checkArgument(shown == null, "NOTICE_FIELDS_UNEXPECTED", "consent.notice_version and "
                + "consent.text_sha256 are set for purpose %s, state %s (expected: only for a grant with purpose "
                + "notice:<notice id>; leave them unset)", entry.purpose(), entry.state());
    }

    private static LedgerEntry sameOrRefuse(LedgerEntry stored, String requestId, String fingerprint) {
        if (!Objects.equals(stored.requestFingerprint(), fingerprint)) {
            // Answering with the stored entry would tell the caller that, say, a withdrawal was
            // recorded when the ledger holds a grant.
            throw DomainException.alreadyExists("REQUEST_ID_REUSED",
                    "request_id %s already recorded entry %s with different content; use a new request_id for a "
                            + "new entry, or resend the original request unchanged", requestId, stored.entryId());
        }
        return stored;
    }

    /** SHA-256 over the submitted fields, each length-prefixed so that no two entries share an encoding. */
    private static String fingerprint(ConsentEntry entry, Instant capture) {
        StringBuilder canonical = new StringBuilder();
        for (String field : List.of(entry.candidateId(), entry.purpose(), entry.dataCategory(), entry.jurisdiction(),
                entry.method().name(), entry.state().name(), entry.evidenceRef(), capture.toString())) {
            canonical.append(field.length()).append(':').append(field).append(';');
        }
        // Added after entries were first stored: only a true value changes the fingerprint, so retries of
        // entries recorded before the field existed still match.
        if (entry.allParties()) {
            canonical.append("all_parties;");
        }
        NoticeShown shown = entry.noticeShown();
        if (shown != null) {
            canonical.append("notice:").append(shown.version()).append(':').append(shown.textSha256()).append(';');
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }


    /** Now, at the microsecond precision the database keeps, so stored and returned times agree. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
