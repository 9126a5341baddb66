package io.atsbridge.adapter.engine.sync;

import io.atsbridge.adapter.connections.domain.Connection;
import io.atsbridge.adapter.engine.domain.LoopCase;
import io.atsbridge.connectors.ConnectorCapabilities;
import io.atsbridge.connectors.CustomFieldWrite;
import io.atsbridge.connectors.aivendor.InterviewResult;
import io.atsbridge.platform.proto.ProtoTimes;
import io.atsbridge.proto.common.v1.ArtifactKind;
import io.atsbridge.proto.common.v1.ArtifactRef;
import io.atsbridge.proto.common.v1.Assessment;
import io.atsbridge.proto.common.v1.CompetencyScore;
import io.atsbridge.proto.common.v1.Evaluator;
import io.atsbridge.proto.common.v1.EvaluatorKind;
import io.atsbridge.proto.common.v1.ExternalKind;
import io.atsbridge.proto.common.v1.ExternalRef;
import io.atsbridge.proto.common.v1.ModelInfo;
import io.atsbridge.proto.common.v1.Recommendation;
import io.atsbridge.proto.common.v1.Score;
import io.atsbridge.proto.common.v1.ScoreScale;
import io.atsbridge.proto.mapping.v1.FieldType;
import io.atsbridge.proto.mapping.v1.FieldWrite;
import io.atsbridge.proto.mapping.v1.PlanWriteBackRequest;
import io.atsbridge.proto.mapping.v1.WritePlan;
import io.micronaut.core.annotation.Nullable;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;

/**
 * Translates between the write-back's values and the messages of mapping-service: the interview's result as
 * an {@link Assessment}, the connector's capabilities, the plan request, and a planned field value as the
 * connector writes it.
 */
final class WriteBackMessages {

    private WriteBackMessages() {
    }

    /** The request for the plan of the result, citing the case's trace in the note. */
    static PlanWriteBackRequest planRequest(String profileId, Assessment assessment, String traceId,
                                            ConnectorCapabilities capabilities) {
        return PlanWriteBackRequest.newBuilder()
                .setProfileId(profileId)
                .setAssessment(assessment)
                .setAuditReference(traceId)
                .setCapabilities(capabilities(capabilities))
                .build();
    }

    /** The connector's capabilities as mapping-service takes them (types mapping does not plan are left out). */
    static io.atsbridge.proto.mapping.v1.ConnectorCapabilities capabilities(ConnectorCapabilities capabilities) {
        io.atsbridge.proto.mapping.v1.ConnectorCapabilities.Builder proto = io.atsbridge.proto.mapping.v1.ConnectorCapabilities
                .newBuilder()
                .setVendor(capabilities.vendor())
                .setApiVersion(capabilities.apiVersion())
                .setTags(capabilities.tags())
                .setNotes(capabilities.notes())
                .setNoteHtml(capabilities.noteHtml())
                .setStageMoves(capabilities.stageMoves())
                .setAttachments(capabilities.attachments())
                .setArchive(capabilities.archive());
        capabilities.candidateFieldTypes().stream().sorted().map(WriteBackMessages::fieldType)
                .flatMap(Optional::stream).forEach(proto::addCandidateFieldTypes);
        capabilities.applicationFieldTypes().stream().sorted().map(WriteBackMessages::fieldType)
                .flatMap(Optional::stream).forEach(proto::addApplicationFieldTypes);
        return proto.build();
    }

    /** A field type by the name connectors give it; empty for types mapping does not plan. */
    static Optional<FieldType> fieldType(String name) {
        return switch (name) {
            case "number" -> Optional.of(FieldType.FIELD_TYPE_NUMBER);
            case "short_text" -> Optional.of(FieldType.FIELD_TYPE_SHORT_TEXT);
            case "long_text" -> Optional.of(FieldType.FIELD_TYPE_LONG_TEXT);
            case "single_select" -> Optional.of(FieldType.FIELD_TYPE_SINGLE_SELECT);
            case "multi_select" -> Optional.of(FieldType.FIELD_TYPE_MULTI_SELECT);
            case "url" -> Optional.of(FieldType.FIELD_TYPE_URL);
            default -> Optional.empty();
        };
    }

    /** A planned custom field value as the connector writes it; null when the plan gives no value. */
    @Nullable
    static CustomFieldWrite customField(FieldWrite write) {
        String key = write.getField().getKey();
        return switch (write.getValue().getKindCase()) {
            case NUMBER_VALUE -> CustomFieldWrite.number(key, write.getValue().getNumberValue());
            case TEXT_VALUE -> CustomFieldWrite.text(key, write.getValue().getTextValue());
            case OPTION_ID -> CustomFieldWrite.option(key, write.getValue().getOptionId());
            case URL_VALUE -> CustomFieldWrite.url(key, write.getValue().getUrlValue());
            case KIND_NOT_SET -> null;
        };
    }

    /**
     * The interview's result as an assessment of the case's canonical candidate and application. Its id is derived
     * from the AI connection and the interview, so every delivery of a result names the same assessment.
     */
    static Assessment assessment(Connection ai, InterviewResult result, LoopCase loopCase) {
        return assessment(ai, result, loopCase, false);
    }

    /**
     * The interview's result as an assessment; when consent-service asked for human review of it, without its
     * recommendation (mapping-service then plans no recommendation field and the note names none).
     */
    static Assessment assessment(Connection ai, InterviewResult result, LoopCase loopCase, boolean humanReview) {
        Assessment full = fullAssessment(ai, result, loopCase);
        return humanReview ? full.toBuilder().clearRecommendation().build() : full;
    }

    /** The first line of the note of a result written for human review. */
    static String humanReviewLine(double confidence) {
        String shown = confidence > 0 && confidence <= 1
                ? java.math.BigDecimal.valueOf(confidence * 100).setScale(1, java.math.RoundingMode.HALF_UP)
                .stripTrailingZeros().toPlainString() + "%" : "not given";
        return "Requires human review: consent-service did not allow this AI result to recommend (confidence " + shown
                + " is below the floor, or a rule asks a person to decide). No recommendation was written; a person must "
                + "review the interview before deciding.";
    }

    /** The plan with its note marked as requiring human review (first line); a plan without a note is unchanged. */
    static WritePlan forHumanReview(WritePlan plan, double confidence) {
        if (!plan.hasNote()) {
            return plan;
        }
        return plan.toBuilder().setNote(plan.getNote().toBuilder()
                .setBody(humanReviewLine(confidence) + "\n" + plan.getNote().getBody())).build();
    }

    private static Assessment fullAssessment(Connection ai, InterviewResult result, LoopCase loopCase) {
        Assessment.Builder assessment = Assessment.newBuilder()
                .setId(UUID.nameUUIDFromBytes((ai.id() + "/" + result.interviewId()).getBytes(StandardCharsets.UTF_8)).toString())
                .setCandidateId(loopCase.candidateId())
                .setApplicationId(loopCase.applicationId())
                .setSource(ExternalRef.newBuilder()
                        .setConnectionId(ai.id())
                        .setVendor(io.atsbridge.proto.common.v1.Vendor.valueOf("VENDOR_" + ai.vendor().name()))
                        .setKind(ExternalKind.EXTERNAL_KIND_INTERVIEW)
                        .setId(result.interviewId()))
                .setOverallScore(score(result.score(), result.scaleMin(), result.scaleMax()))
                .setRecommendation(recommendation(result.recommendation()))
                .setRationale(result.rationale())
                .setConfidence(result.confidence() >= 0 && result.confidence() <= 1 ? result.confidence() : 0)
                .setEvaluator(Evaluator.newBuilder()
                        .setKind(EvaluatorKind.EVALUATOR_KIND_AI)
                        .setName(ai.displayName())
                        .setId(result.modelId()))
                .setModel(ModelInfo.newBuilder()
                        .setModelId(result.modelId())
                        .setModelVersion(result.modelVersion())
                        .setPromptVersion(result.promptVersion()))
                .addAllSkillTags(result.skills());
        for (InterviewResult.CompetencyResult competency : result.competencies()) {
            assessment.addCompetencyScores(CompetencyScore.newBuilder()
                    .setCompetency(competency.name())
                    .setScore(score(competency.score(), competency.scaleMin(), competency.scaleMax()))
                    .setRationale(competency.rationale()));
        }
        if (result.transcriptUrl() != null) {
            assessment.addArtifacts(ArtifactRef.newBuilder().setKind(ArtifactKind.ARTIFACT_KIND_TRANSCRIPT)
                    .setUri(result.transcriptUrl()));
        }
        if (result.recordingUrl() != null) {
            assessment.addArtifacts(ArtifactRef.newBuilder().setKind(ArtifactKind.ARTIFACT_KIND_RECORDING)
                    .setUri(result.recordingUrl()));
        }
        if (result.completedAt() != null) {
            assessment.setCompleteTime(ProtoTimes.toProto(result.completedAt()));
        }
        return assessment.build();
    }

    private static Score score(double value, double min, double max) {
        return Score.newBuilder().setValue(value).setScale(ScoreScale.newBuilder().setMin(min).setMax(max)).build();
    }

    /** The vendor's recommendation word as the shared enum; anything else is unspecified. */
    static Recommendation recommendation(@Nullable String name) {
        if (name == null) {
            return Recommendation.RECOMMENDATION_UNSPECIFIED;
        }
        return switch (name) {
            case "advance" -> Recommendation.RECOMMENDATION_ADVANCE;
            case "maybe" -> Recommendation.RECOMMENDATION_MAYBE;
            case "pass" -> Recommendation.RECOMMENDATION_PASS;
            default -> Recommendation.RECOMMENDATION_UNSPECIFIED;
        };
    }
}
