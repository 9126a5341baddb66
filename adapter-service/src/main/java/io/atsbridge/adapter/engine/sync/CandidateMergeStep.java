package io.atsbridge.adapter.engine.sync;

import io.atsbridge.adapter.connections.connector.Connectors;
import io.atsbridge.adapter.connections.domain.Connection;
import io.atsbridge.adapter.connections.domain.SyncSettings;
import io.atsbridge.adapter.engine.domain.ClaimedEvent;
import io.atsbridge.connectors.AtsConnector;
import io.atsbridge.proto.common.v1.ExternalKind;
import io.atsbridge.proto.common.v1.ExternalRef;
import io.atsbridge.proto.common.v1.Vendor;
import io.atsbridge.proto.identity.v1.MergeCandidatesRequest;
import io.atsbridge.proto.identity.v1.MergeCandidatesResponse;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ATS merged two candidate records (Ashby's candidateMerge): identity-service is told, so that the record the
 * ATS kept and the one it deleted resolve to one canonical candidate from now on. Without it, the deleted record's
 * applications, which the ATS moves to the kept record, could no longer be resolved (identity refuses an
 * application linked to another candidate than the one named). Cases already under way need nothing: the
 * write-back reads the application's candidate from the ATS, which is the kept record after the merge.
 *
 * <p>Consent recorded for the merged canonical candidate stays where it is (consent-service keys it by canonical
 * id); moving it is identity and consent's to decide, not the loop's.
 */
@Singleton
final class CandidateMergeStep {

    private final Connectors connectors;
    private final LoopPeers peers;
    private final Clock clock;

    CandidateMergeStep(Connectors connectors, LoopPeers peers, Clock clock) {
        this.clock = clock;
        this.connectors = connectors;
        this.peers = peers;
    }

    /** Whether the event is a candidate merge the connection's connector reads. */
    Optional<AtsConnector.CandidateMerge> merge(ClaimedEvent event, Connection ats, SyncSettings sync) {
        try {
            return connectors.ats(ats, sync.onBehalfOf()).candidateMerge(event.rawBody());
        } catch (RuntimeException e) {
            throw Failures.classify("reading the " + event.vendorEventType() + " body", e)
                    .withAudit(List.of(AuditRecords.received(event, event.id(), "", Map.of("outcome", "FAILED"), now())));
        }
    }

    Outcome process(ClaimedEvent event, Connection ats, AtsConnector.CandidateMerge merge) {
        MergeCandidatesResponse merged = peers.mergeCandidates(event.tenantId(), event.id(), MergeCandidatesRequest.newBuilder()
                .setRequestId("adapter:" + event.id())
                .setSurvivingRef(candidate(ats, merge.survivingCandidateId()))
                .setMergedRef(candidate(ats, merge.mergedCandidateId()))
                .build());
        String canonical = merged.hasCandidate() ? merged.getCandidate().getId() : "";
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("surviving_candidate_external_id", merge.survivingCandidateId());
        attributes.put("merged_candidate_external_id", merge.mergedCandidateId());
        attributes.put("candidate_id", canonical);
        attributes.put("merged_candidate_id", merged.getMergedCandidateId());
        attributes.put("moved_link_count", Integer.toString(merged.getMovedLinkCount()));
        Instant now = now();
        Map<String, String> received = new LinkedHashMap<>(attributes);
        received.put("outcome", "MERGED");
        String detail = canonical.isEmpty()
                ? "candidates " + merge.mergedCandidateId() + " and " + merge.survivingCandidateId() + " of " + ats.id()
                        + " merged; atsbridge knew neither, so nothing changed"
                : "candidate " + merge.mergedCandidateId() + " of " + ats.id() + " merged into " + merge.survivingCandidateId()
                        + ": both resolve to candidate " + canonical + " (" + merged.getMovedLinkCount() + " link(s) moved"
                        + (merged.getMergedCandidateId().isEmpty() ? "" : " from candidate " + merged.getMergedCandidateId()) + ")";
        return Outcome.done(detail, List.of(
                AuditRecords.received(event, event.id(), canonical, received, now),
                AuditRecords.record(event, event.id(), AuditRecords.CANDIDATE_MERGED, canonical, ats.id(), attributes,
                        new byte[0], now)));
    }

    private static ExternalRef candidate(Connection ats, String id) {
        return ExternalRef.newBuilder()
                .setConnectionId(ats.id())
                .setVendor(Vendor.valueOf("VENDOR_" + ats.vendor().name()))
                .setKind(ExternalKind.EXTERNAL_KIND_CANDIDATE)
                .setId(id)
                .build();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
