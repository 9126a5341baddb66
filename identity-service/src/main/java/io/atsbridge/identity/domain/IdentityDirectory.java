package io.atsbridge.identity.domain;

import io.atsbridge.platform.database.SqlFailures;
import io.atsbridge.platform.error.DomainException;
import io.atsbridge.platform.paging.PageRequest;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The canonical directory of candidates, applications and requisitions, and the external ids that
 * name them. Resolution is atomic across replicas: the unique key on external ids decides which of
 * two concurrent first sightings creates the record, and the other re-reads it.
 */
@Singleton
public final class IdentityDirectory {

    private static final int MAX_ATTEMPTS = 5;
    private static final int LINK_PAGE_DEFAULT = 100;
    private static final int LINK_PAGE_MAX = 500;

    private final TransactionOperations<Connection> transactions;
    private final CandidateStore store;
    private final Clock clock;

    IdentityDirectory(TransactionOperations<Connection> transactions, CandidateStore store, Clock clock) {
        this.transactions = transactions;
        this.store = store;
        this.clock = clock;
    }

    /**
     * Resolves external ids to canonical records, creating what is new.
     *
     * @throws DomainException INVALID_ARGUMENT when a ref or the profile is malformed
     */
    public Resolution resolve(String tenantId, ExternalId candidateRef, @Nullable ExternalId applicationRef,
                              @Nullable ExternalId requisitionRef, Profile profile) {
        candidateRef.check("candidate_ref", ExternalIdKind.CANDIDATE);
        if (applicationRef != null) {
            applicationRef.check("application_ref", ExternalIdKind.APPLICATION);
        }
        if (requisitionRef != null) {
            DomainException.checkArgument(applicationRef != null, "REQUISITION_WITHOUT_APPLICATION",
                    "requisition_ref is set without application_ref (expected: both, or application_ref alone)");
            requisitionRef.check("requisition_ref", ExternalIdKind.REQUISITION);
        }
        Profile clean = profile.normalised();
        // Another writer creating the same link first (a duplicate key, or a deadlock InnoDB breaks by
        // rolling one back) ends in another attempt, which reads what the winner created.
        return SqlFailures.writeRetrying(transactions, MAX_ATTEMPTS,
                () -> resolveOnce(tenantId, candidateRef, applicationRef, requisitionRef, clean));
    }

    private Resolution resolveOnce(String tenantId, ExternalId candidateRef, @Nullable ExternalId applicationRef,
                                   @Nullable ExternalId requisitionRef, Profile profile) {
        Instant now = now();
        Optional<ExternalLink> candidateLink = store.findLink(tenantId, candidateRef);
        Candidate candidate;
        boolean candidateCreated = candidateLink.isEmpty();
        if (candidateCreated) {
            candidate = store.addCandidate(new Candidate(UUID.randomUUID().toString(), tenantId,
                    profile.givenName(), profile.familyName(), profile.email(), profile.phone(),
                    profile.jurisdictions(), now, now));
            store.addLink(tenantId, candidateRef, candidate.id(), candidate.id(), null, now);
        } else {
            candidate = store.findCandidate(tenantId, candidateLink.get().entityId())
                    .orElseThrow(() -> new IllegalStateException("link without candidate: " + candidateLink.get().id()));
            candidate = fillGaps(candidate, profile, now);
        }
        if (applicationRef == null) {
            return new Resolution(candidate, candidateCreated, null, false);
        }
        Optional<ExternalLink> applicationLink = store.findLink(tenantId, applicationRef);
        if (applicationLink.isPresent()) {
            Application application = store.findApplication(tenantId, applicationLink.get().entityId())
                    .orElseThrow(() -> new IllegalStateException("link without application: " + applicationLink.get().id()));
            if (!application.candidateId().equals(candidate.id())) {
                throw DomainException.failedPrecondition("APPLICATION_BELONGS_TO_OTHER_CANDIDATE",
                        "application %s of connection %s is linked to another candidate than %s; "
                                + "resolve the candidates' merge first",
                        applicationRef.id(), applicationRef.connectionId(), candidateRef.id());
            }
            return new Resolution(candidate, candidateCreated, application, false);
        }
        String requisitionId = requisitionRef == null ? null : resolveRequisition(tenantId, requisitionRef, now);
        Application application = store.addApplication(new Application(UUID.randomUUID().toString(), tenantId,
                candidate.id(), requisitionId, now, now));
        store.addLink(tenantId, applicationRef, application.id(), candidate.id(), application.id(), now);
        return new Resolution(candidate, candidateCreated, application, true);
    }

    private String resolveRequisition(String tenantId, ExternalId requisitionRef, Instant now) {
        Optional<ExternalLink> existing = store.findLink(tenantId, requisitionRef);
        if (existing.isPresent()) {
            return existing.get().entityId();
        }
        String requisitionId = UUID.randomUUID().toString();
        store.addRequisition(tenantId, requisitionId, now);
        store.addLink(tenantId, requisitionRef, requisitionId, null, null, now);
        return requisitionId;
    }

    /** Fills fields the canonical candidate does not know yet; never erases what it knows. */
    private Candidate fillGaps(Candidate candidate, Profile profile, Instant now) {
        Set<String> jurisdictions = new LinkedHashSet<>(candidate.jurisdictions());
        jurisdictions.addAll(profile.jurisdictions());
        Candidate filled = new Candidate(candidate.id(), candidate.tenantId(),
                candidate.givenName().isEmpty() ? profile.givenName() : candidate.givenName(),
                candidate.familyName().isEmpty() ? profile.familyName() : candidate.familyName(),
                candidate.email().isEmpty() ? profile.email() : candidate.email(),
                candidate.phone().isEmpty() ? profile.phone() : candidate.phone(),
                List.copyOf(jurisdictions), candidate.createTime(), candidate.updateTime());
        if (filled.equals(candidate)) {
            return candidate;
        }
        return store.updateCandidate(new Candidate(filled.id(), filled.tenantId(), filled.givenName(),
                filled.familyName(), filled.email(), filled.phone(), filled.jurisdictions(), filled.createTime(), now));
    }

    /**
     * Records that a source system merged candidate record {@code mergedRef} into {@code survivingRef} (Ashby's
     * candidateMerge), so that both resolve to one canonical candidate from now on:
     * <ul>
     *   <li>neither known: nothing to do (nothing is created; the surviving record resolves as usual when seen);</li>
     *   <li>one known: the other ref is linked to its canonical candidate (no canonical record changes);</li>
     *   <li>both known, one canonical candidate already: nothing to do;</li>
     *   <li>both known, two canonical candidates: the surviving ref's takes over every link and application of the
     *       merged ref's, filling fields it does not know from it. The merged canonical candidate is kept, with no
     *       links, because work in flight may still name it (a loop case, a consent record).</li>
     * </ul>
     * Idempotent, and atomic across replicas like {@link #resolve}.
     *
     * @throws DomainException INVALID_ARGUMENT when a ref is malformed, not a candidate, of another connection than
     *                         the other, or both refs are the same
     */
    public MergeOutcome merge(String tenantId, ExternalId survivingRef, ExternalId mergedRef) {
        survivingRef.check("surviving_ref", ExternalIdKind.CANDIDATE);
        mergedRef.check("merged_ref", ExternalIdKind.CANDIDATE);
        DomainException.checkArgument(survivingRef.connectionId().equals(mergedRef.connectionId()),
                "MERGE_ACROSS_CONNECTIONS", "merged_ref is of connection %s, surviving_ref of %s (expected: one connection; "
                        + "a source system merges only its own records)", mergedRef.connectionId(), survivingRef.connectionId());
        DomainException.checkArgument(!survivingRef.id().equals(mergedRef.id()), "MERGE_WITH_ITSELF",
                "surviving_ref and merged_ref both name candidate %s of connection %s (expected: two records)",
                survivingRef.id(), survivingRef.connectionId());
        // A concurrent resolution creating one of the links first ends in another look.
        return SqlFailures.writeRetrying(transactions, MAX_ATTEMPTS, () -> mergeOnce(tenantId, survivingRef, mergedRef));
    }

    private MergeOutcome mergeOnce(String tenantId, ExternalId survivingRef, ExternalId mergedRef) {
        Instant now = now();
        Optional<ExternalLink> surviving = store.findLink(tenantId, survivingRef);
        Optional<ExternalLink> merged = store.findLink(tenantId, mergedRef);
        if (surviving.isEmpty() && merged.isEmpty()) {
            return new MergeOutcome(null, null, 0);
        }
        if (surviving.isEmpty() || merged.isEmpty()) {
            ExternalLink known = surviving.orElseGet(merged::orElseThrow);
            ExternalId unknown = surviving.isEmpty() ? survivingRef : mergedRef;
            store.addLink(tenantId, unknown, known.entityId(), known.entityId(), null, now);
            return new MergeOutcome(requireCandidate(tenantId, known.entityId()), null, 1);
        }
        String survivorId = surviving.get().entityId();
        String mergedId = merged.get().entityId();
        if (survivorId.equals(mergedId)) {
            return new MergeOutcome(requireCandidate(tenantId, survivorId), null, 0);
        }
        Candidate loser = requireCandidate(tenantId, mergedId);
        long moved = store.moveLinks(tenantId, mergedId, survivorId);
        store.moveApplications(tenantId, mergedId, survivorId, now);
        Candidate survivor = fillGaps(requireCandidate(tenantId, survivorId), new Profile(loser.givenName(),
                loser.familyName(), loser.email(), loser.phone(), loser.jurisdictions()), now);
        return new MergeOutcome(survivor, mergedId, (int) Math.min(Integer.MAX_VALUE, moved));
    }

    private Candidate requireCandidate(String tenantId, String candidateId) {
        return store.findCandidate(tenantId, candidateId)
                .orElseThrow(() -> new IllegalStateException("link without candidate: " + candidateId));
    }

    /**
     * What a merge changed.
     *
     * @param candidate         the canonical candidate both refs resolve to; null when neither was known
     * @param mergedCandidateId the canonical candidate whose links moved to {@code candidate}; null when none moved
     * @param movedLinks        how many links moved or were added
     */
    public record MergeOutcome(@Nullable Candidate candidate, @Nullable String mergedCandidateId, int movedLinks) {
    }

    /** The candidate, if it exists in this tenant. */
    public Candidate getCandidate(String tenantId, String candidateId) {
        DomainException.checkArgument(!candidateId.isBlank(), "CANDIDATE_ID_MISSING", "candidate_id is empty (expected: a candidate id)");
        return store.findCandidate(tenantId, candidateId)
                .orElseThrow(() -> DomainException.notFound("CANDIDATE_NOT_FOUND",
                        "candidate %s does not exist in tenant %s", candidateId, tenantId));
    }

    /** One page of the candidate's links, oldest first. */
    public LinkPage listLinks(String tenantId, String candidateId, int pageSize, String pageToken) {
        PageRequest page = PageRequest.of(pageSize, pageToken, LINK_PAGE_DEFAULT, LINK_PAGE_MAX);
        getCandidate(tenantId, candidateId);
        List<ExternalLink> links = store.links(tenantId, candidateId, page.afterNumber(0), page.size() + 1);
        PageRequest.Page<ExternalLink> shown = page.slice(links, link -> String.valueOf(link.id()));
        return new LinkPage(shown.items(), shown.nextPageToken());
    }

    /** Now, at the microsecond precision the database keeps, so stored and returned times agree. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
