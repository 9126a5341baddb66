package io.atsbridge.mapping.grpc;

import io.atsbridge.mapping.domain.Assessment;
import io.atsbridge.mapping.domain.AssessmentAttribute;
import io.atsbridge.mapping.domain.WritePlan;
import io.atsbridge.platform.error.DomainException;
import io.atsbridge.platform.proto.ProtoTimes;
import io.atsbridge.proto.common.v1.ArtifactRef;
import io.atsbridge.proto.common.v1.CompetencyScore;
import io.atsbridge.proto.common.v1.Score;
import io.atsbridge.proto.mapping.v1.DroppedItem;
import io.atsbridge.proto.mapping.v1.FieldValue;
import io.atsbridge.proto.mapping.v1.FieldWrite;
import io.atsbridge.proto.mapping.v1.PlannedNote;
import io.micronaut.core.annotation.Nullable;

import java.util.ArrayList;
import java.util.List;

/** Translates assessments into the domain and write plans back into proto. */
final class PlanMessages {

    private PlanMessages() {
    }

    /**
     * The assessment for planning. Only what a plan cannot do without is rejected here (a missing
     * overall score, an unknown recommendation); parts the domain cannot use are left out.
     */
    /** The connector's capabilities; an unspecified field type in the lists is refused as INVALID_ARGUMENT. */
    static io.atsbridge.mapping.domain.WriteCapabilities toDomain(io.atsbridge.proto.mapping.v1.ConnectorCapabilities capabilities) {
        java.util.Set<io.atsbridge.mapping.domain.FieldType> candidate = java.util.EnumSet.noneOf(io.atsbridge.mapping.domain.FieldType.class);
        java.util.Set<io.atsbridge.mapping.domain.FieldType> application = java.util.EnumSet.noneOf(io.atsbridge.mapping.domain.FieldType.class);
        for (int i = 0; i < capabilities.getCandidateFieldTypesCount(); i++) {
            candidate.add(ProfileMessages.toDomain("capabilities.candidate_field_types[" + i + "]",
                    capabilities.getCandidateFieldTypes(i), capabilities.getCandidateFieldTypesValue(i)));
        }
        for (int i = 0; i < capabilities.getApplicationFieldTypesCount(); i++) {
            application.add(ProfileMessages.toDomain("capabilities.application_field_types[" + i + "]",
                    capabilities.getApplicationFieldTypes(i), capabilities.getApplicationFieldTypesValue(i)));
        }
        String vendor = capabilities.getVendor().isBlank() ? "ATS" : capabilities.getVendor();
        return new io.atsbridge.mapping.domain.WriteCapabilities(vendor, candidate, application, capabilities.getTags(),
                capabilities.getNotes());
    }

    static Assessment toDomain(io.atsbridge.proto.common.v1.Assessment assessment) {
        DomainException.checkArgument(assessment.hasOverallScore(), "OVERALL_SCORE_MISSING",
                "assessment.overall_score is unset (expected: the overall score with its scale, e.g. 4.1 on 0..5)");
        List<Assessment.Competency> competencies = new ArrayList<>();
        for (CompetencyScore competency : assessment.getCompetencyScoresList()) {
            competencies.add(new Assessment.Competency(competency.getCompetency(),
                    competency.hasScore() ? toDomain(competency.getScore()) : null, competency.getRationale()));
        }
        List<Assessment.Artifact> artifacts = new ArrayList<>();
        for (ArtifactRef artifact : assessment.getArtifactsList()) {
            // An artifact of unknown kind cannot feed any field or note line, so it is simply not read.
            switch (artifact.getKind()) {
                case ARTIFACT_KIND_TRANSCRIPT -> artifacts.add(new Assessment.Artifact(Assessment.ArtifactKind.TRANSCRIPT, artifact.getUri()));
                case ARTIFACT_KIND_RECORDING -> artifacts.add(new Assessment.Artifact(Assessment.ArtifactKind.RECORDING, artifact.getUri()));
                case ARTIFACT_KIND_REPORT -> artifacts.add(new Assessment.Artifact(Assessment.ArtifactKind.REPORT, artifact.getUri()));
                default -> {
                }
            }
        }
        return new Assessment(
                assessment.getId(),
                assessment.getSource().getId(),
                toDomain(assessment.getOverallScore()),
                toDomain(assessment.getRecommendation(), assessment.getRecommendationValue()),
                assessment.getRationale(),
                competencies,
                assessment.getConfidence(),
                new Assessment.Evaluator(toDomain(assessment.getEvaluator().getKind()), assessment.getEvaluator().getName()),
                new Assessment.Model(assessment.getModel().getModelId(), assessment.getModel().getModelVersion(),
                        assessment.getModel().getPromptVersion()),
                assessment.getSkillTagsList(),
                artifacts,
                assessment.hasCompleteTime() ? ProtoTimes.toInstant(assessment.getCompleteTime()) : null);
    }

    private static Assessment.Score toDomain(Score score) {
        return new Assessment.Score(score.getValue(), score.getScale().getMin(), score.getScale().getMax());
    }

    @Nullable
    private static Assessment.Recommendation toDomain(io.atsbridge.proto.common.v1.Recommendation recommendation, int number) {
        return switch (recommendation) {
            case RECOMMENDATION_UNSPECIFIED -> null;
            case RECOMMENDATION_ADVANCE -> Assessment.Recommendation.ADVANCE;
            case RECOMMENDATION_MAYBE -> Assessment.Recommendation.MAYBE;
            case RECOMMENDATION_PASS -> Assessment.Recommendation.PASS;
            // A value this service does not know could be anything; guessing would put words in the vendor's mouth.
            case UNRECOGNIZED -> throw DomainException.invalidArgument("RECOMMENDATION_INVALID",
                    "assessment.recommendation: %s (expected: RECOMMENDATION_ADVANCE, _MAYBE, _PASS, or unset)", number);
        };
    }

    @Nullable
    private static Assessment.EvaluatorKind toDomain(io.atsbridge.proto.common.v1.EvaluatorKind kind) {
        return switch (kind) {
            case EVALUATOR_KIND_AI -> Assessment.EvaluatorKind.AI;
            case EVALUATOR_KIND_AI_WITH_HUMAN_REVIEW -> Assessment.EvaluatorKind.AI_WITH_HUMAN_REVIEW;
            case EVALUATOR_KIND_HUMAN -> Assessment.EvaluatorKind.HUMAN;
            // The kind only describes the evaluator in the note; an unknown one is shown as not stated.
            case EVALUATOR_KIND_UNSPECIFIED, UNRECOGNIZED -> null;
        };
    }

    static AssessmentAttribute toDomain(io.atsbridge.proto.mapping.v1.AssessmentAttribute attribute, String field, int number) {
        return switch (attribute) {
            case ASSESSMENT_ATTRIBUTE_OVERALL_SCORE -> AssessmentAttribute.OVERALL_SCORE;
            case ASSESSMENT_ATTRIBUTE_RECOMMENDATION -> AssessmentAttribute.RECOMMENDATION;
            case ASSESSMENT_ATTRIBUTE_RATIONALE -> AssessmentAttribute.RATIONALE;
            case ASSESSMENT_ATTRIBUTE_TRANSCRIPT_URL -> AssessmentAttribute.TRANSCRIPT_URL;
            case ASSESSMENT_ATTRIBUTE_RECORDING_URL -> AssessmentAttribute.RECORDING_URL;
            case ASSESSMENT_ATTRIBUTE_CONFIDENCE -> AssessmentAttribute.CONFIDENCE;
            case ASSESSMENT_ATTRIBUTE_UNSPECIFIED, UNRECOGNIZED -> throw DomainException.invalidArgument("FIELD_MAPPING_SOURCE_INVALID",
                    "%s: %s (expected: the assessment part to write, e.g. ASSESSMENT_ATTRIBUTE_OVERALL_SCORE)",
                    field, shown(attribute, number));
        };
    }

    static io.atsbridge.proto.mapping.v1.AssessmentAttribute toProto(AssessmentAttribute attribute) {
        return switch (attribute) {
            case OVERALL_SCORE -> io.atsbridge.proto.mapping.v1.AssessmentAttribute.ASSESSMENT_ATTRIBUTE_OVERALL_SCORE;
            case RECOMMENDATION -> io.atsbridge.proto.mapping.v1.AssessmentAttribute.ASSESSMENT_ATTRIBUTE_RECOMMENDATION;
            case RATIONALE -> io.atsbridge.proto.mapping.v1.AssessmentAttribute.ASSESSMENT_ATTRIBUTE_RATIONALE;
            case TRANSCRIPT_URL -> io.atsbridge.proto.mapping.v1.AssessmentAttribute.ASSESSMENT_ATTRIBUTE_TRANSCRIPT_URL;
            case RECORDING_URL -> io.atsbridge.proto.mapping.v1.AssessmentAttribute.ASSESSMENT_ATTRIBUTE_RECORDING_URL;
            case CONFIDENCE -> io.atsbridge.proto.mapping.v1.AssessmentAttribute.ASSESSMENT_ATTRIBUTE_CONFIDENCE;
        };
    }

    static io.atsbridge.proto.mapping.v1.WritePlan toProto(WritePlan plan) {
        io.atsbridge.proto.mapping.v1.WritePlan.Builder proto = io.atsbridge.proto.mapping.v1.WritePlan.newBuilder()
                .setProfileId(plan.profileId())
                .setProfileVersion(plan.profileVersion())
                .addAllTags(plan.tags());
        for (WritePlan.FieldWrite write : plan.fieldWrites()) {
            proto.addFieldWrites(FieldWrite.newBuilder()
                    .setField(ProfileMessages.toProto(write.field()))
                    .setValue(toProto(write.value()))
                    .setSource(toProto(write.source())));
        }
        if (plan.note() != null) {
            proto.setNote(PlannedNote.newBuilder()
                    .setBody(plan.note().body())
                    .setVisibility(ProfileMessages.toProto(plan.note().visibility())));
        }
        for (WritePlan.DroppedItem item : plan.dropped()) {
            DroppedItem.Builder dropped = DroppedItem.newBuilder().setReason(item.reason()).setDetail(item.detail());
            if (item.source() != null) {
                dropped.setSource(toProto(item.source()));
            }
            proto.addDropped(dropped);
        }
        return proto.build();
    }

    private static FieldValue toProto(WritePlan.FieldValue value) {
        if (value instanceof WritePlan.NumberValue number) {
            return FieldValue.newBuilder().setNumberValue(number.number()).build();
        }
        if (value instanceof WritePlan.TextValue text) {
            return FieldValue.newBuilder().setTextValue(text.text()).build();
        }
        if (value instanceof WritePlan.OptionValue option) {
            return FieldValue.newBuilder().setOptionId(option.optionId()).build();
        }
        if (value instanceof WritePlan.UrlValue url) {
            return FieldValue.newBuilder().setUrlValue(url.url()).build();
        }
        throw new IllegalStateException("unknown field value " + value);
    }

    /** An enum value as a caller would recognise it: its name, or its number when this build does not know it. */
    static String shown(Enum<?> value, int number) {
        return "UNRECOGNIZED".equals(value.name()) ? String.valueOf(number) : value.name();
    }
}
