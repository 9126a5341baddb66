package io.atsbridge.adapter.engine.sync;

import io.atsbridge.adapter.connections.connector.Connectors;
import io.atsbridge.adapter.connections.domain.Connection;
import io.atsbridge.adapter.connections.domain.SyncSettings;
import io.atsbridge.adapter.engine.domain.AuditEntry;
import io.atsbridge.adapter.engine.domain.ClaimedEvent;
import io.atsbridge.adapter.engine.domain.EventType;
import io.atsbridge.adapter.engine.domain.InboxEvent;
import io.atsbridge.adapter.engine.domain.LoopCase;
import io.atsbridge.adapter.engine.domain.LoopStore;
import io.atsbridge.adapter.engine.domain.ScreenRequest;
import io.atsbridge.connectors.AtsStageEvent;
import io.atsbridge.connectors.aivendor.InterviewResult;
import io.atsbridge.platform.proto.ProtoTimes;
import io.atsbridge.proto.audit.v1.RecordOutcomeRequest;
import io.atsbridge.proto.audit.v1.Tool;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the loop tells audit-service's BiasService for bias audits: per AI tool (connection, model, version),
 * requisition and canonical candidate, the score and recommendation it wrote back, and later whether the ATS moved
 * the candidate on (a stage change after the write) or hired them. Never any demographic datum: the loop has none.
 *
 * <p>Order and durability: an outcome is an entry of the audit outbox (action {@value #ACTION}), stored in the same
 * transaction as the write-back or the event that reports the advance, after the ATS write, so it neither holds up
 * nor undoes the write; {@link AuditRelay} sends it with {@code RecordOutcome} instead of appending it to the log, at
 * least once, retrying while audit-service is unreachable. RecordOutcome merges calls for the same tool, requisition
 * and candidate and never resets advanced or selected, so a repeated entry changes nothing.
 */
@Singleton
final class BiasOutcomes {

    /** The outbox action of an outcome; relayed to BiasService.RecordOutcome, never into the audit log. */
    static final String ACTION = "bias.outcome";

    private final LoopStore cases;
    private final Connectors connectors;
    private final Clock clock;

    BiasOutcomes(LoopStore cases, Connectors connectors, Clock clock) {
        this.cases = cases;
        this.connectors = connectors;
        this.clock = clock;
    }

    /** The outcome of a result written back: the tool's score and recommendation. */
    static AuditEntry written(ClaimedEvent event, LoopCase loopCase, Connection ai, InterviewResult result,
                              @Nullable String jobId, Instant at) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("model", result.modelId());
        attributes.put("model_version", result.modelVersion());
        attributes.put("candidate_id", loopCase.candidateId());
        attributes.put("requisition_id", jobId == null ? loopCase.applicationExternalId() : jobId);
        attributes.put("score", BigDecimal.valueOf(result.score()).stripTrailingZeros().toPlainString());
        attributes.put("recommendation", result.recommendation() == null ? "" : result.recommendation());
        attributes.put("assess_time", (result.completedAt() != null ? result.completedAt() : at).toString());
        return AuditRecords.record(event, loopCase.traceId(), ACTION, loopCase.applicationId(), ai.id(), attributes,
                new byte[0], at);
    }

    /**
     * The outcomes an ATS event reports for applications with a written result: a hire selects the candidate, a stage
     * change to another stage than the one that triggered the screen advances them. Events atsbridge put into the inbox
     * itself (backfills, screen requests) report nothing; nor does a body the connector cannot read as a stage event.
     */
    List<AuditEntry> progressed(ClaimedEvent event, Connection ats, SyncSettings sync) {
        boolean hired = event.eventType() == EventType.HIRED;
        if (!hired && event.eventType() != EventType.STAGE_CHANGED
                || InboxEvent.BACKFILL_TYPE.equals(event.vendorEventType())
                || ScreenRequest.TYPE.equals(event.vendorEventType())) {
            return List.of();
        }
        AtsStageEvent stage;
        try {
            stage = connectors.ats(ats, sync.onBehalfOf()).stageEvent(event.rawBody());
        } catch (RuntimeException e) {
            return List.of();
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        List<AuditEntry> entries = new ArrayList<>();
        // The ATS names the application by its own id; its cases (one per trigger) share the canonical one.
        List<LoopCase> screened = cases.findByApplicationExternalId(ats.id(), stage.applicationId())
                .map(newest -> cases.findByApplication(ats.id(), newest.applicationId())).orElse(List.of());
        for (LoopCase loopCase : screened) {
            if (loopCase.writeTime() == null || !hired && stage.stageId().equals(loopCase.triggerStageId())) {
                continue;
            }
            String jobId = loopCase.jobExternalId() != null ? loopCase.jobExternalId() : stage.jobId();
            Map<String, String> attributes = new LinkedHashMap<>();
            attributes.put("candidate_id", loopCase.candidateId());
            attributes.put("requisition_id", jobId == null ? loopCase.applicationExternalId() : jobId);
            attributes.put(hired ? "selected" : "advanced", "true");
            Instant assessed = loopCase.completeTime() != null ? loopCase.completeTime() : loopCase.writeTime();
            attributes.put("assess_time", assessed.toString());
            entries.add(AuditRecords.record(event, loopCase.traceId(), ACTION, loopCase.applicationId(),
                    loopCase.aiConnectionId(), attributes, new byte[0], now));
        }
        return entries;
    }

    /** The RecordOutcome call an outbox entry of {@value #ACTION} stands for. */
    static RecordOutcomeRequest request(AuditEntry entry) {
        Map<String, String> attributes = entry.attributes();
        RecordOutcomeRequest.Builder request = RecordOutcomeRequest.newBuilder()
                .setTool(Tool.newBuilder().setConnectionId(entry.connectionId())
                        .setModel(attributes.getOrDefault("model", ""))
                        .setModelVersion(attributes.getOrDefault("model_version", "")))
                .setCandidateId(attributes.getOrDefault("candidate_id", ""))
                .setRequisitionId(attributes.getOrDefault("requisition_id", ""))
                .setRecommendation(attributes.getOrDefault("recommendation", ""))
                .setAdvanced("true".equals(attributes.get("advanced")))
                .setSelected("true".equals(attributes.get("selected")));
        String score = attributes.get("score");
        if (score != null) {
            request.setHasScore(true).setScore(score);
        }
        String assessed = attributes.get("assess_time");
        if (assessed != null) {
            request.setAssessTime(ProtoTimes.toProto(Instant.parse(assessed)));
        }
        return request.build();
    }
}
