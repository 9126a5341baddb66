package io.atsbridge.adapter.engine.sync;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.atsbridge.adapter.connections.domain.Connection;
import io.atsbridge.adapter.connections.domain.ConnectionKind;
import io.atsbridge.adapter.connections.domain.Vendor;
import io.atsbridge.adapter.engine.domain.LoopCase;
import io.atsbridge.adapter.engine.domain.LoopCaseStatus;
import io.atsbridge.connectors.ConnectorCapabilities;
import io.atsbridge.connectors.CustomFieldWrite;
import io.atsbridge.connectors.aivendor.InterviewResult;
import io.atsbridge.proto.common.v1.ArtifactKind;
import io.atsbridge.proto.common.v1.ArtifactRef;
import io.atsbridge.proto.common.v1.Assessment;
import io.atsbridge.proto.common.v1.EvaluatorKind;
import io.atsbridge.proto.common.v1.ExternalKind;
import io.atsbridge.proto.common.v1.Recommendation;
import io.atsbridge.proto.mapping.v1.FieldType;
import io.atsbridge.proto.mapping.v1.FieldValue;
import io.atsbridge.proto.mapping.v1.FieldWrite;
import io.atsbridge.proto.mapping.v1.PlanWriteBackRequest;
import io.atsbridge.proto.mapping.v1.TargetField;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The messages the write-back sends mapping-service, and the planned values as the connector writes them. */
class WriteBackMessagesTest {

    private static final Instant AT = Instant.parse("2025-03-01T10:00:00Z");
    private static final Connection AI = new Connection("ai-acme", "acme", Vendor.STANDARD_WEBHOOKS, ConnectionKind.AI_VENDOR,
            "Acme Interview AI", "https://ai.example", true, 1, true, AT, AT, null, "", null);
    private static final LoopCase CASE = new LoopCase("case-1", "acme", "gh-acme", "101", "201", null, "stage-ai", "cand-1",
            "app-1", "ai-acme", "int-1", "trace-1", LoopCaseStatus.WRITING, "trigger-1", "event-1", AT, AT, null, null, null,
            AT, AT);

    @Test
    void theResultIsAnAssessmentOfTheCasesCanonicalCandidateAndApplication() {
        InterviewResult result = new InterviewResult("int-1", "201", "job-9", Map.of(), 80, 0, 100, "advance",
                List.of(new InterviewResult.CompetencyResult("SQL", 4, 1, 5, "joins")), "Strong in SQL", 0.9, List.of("sql"),
                "https://ai.example/t/1", null, "model-x", "2025-01", "p-4", AT);

        Assessment assessment = WriteBackMessages.assessment(AI, result, CASE);

        assertThat(assessment.getId()).as("the same for every delivery of the interview's result")
                .isEqualTo(WriteBackMessages.assessment(AI, result, CASE).getId()).isNotBlank();
        assertThat(assessment.getCandidateId()).isEqualTo("cand-1");
        assertThat(assessment.getApplicationId()).isEqualTo("app-1");
        assertThat(assessment.getSource().getConnectionId()).isEqualTo("ai-acme");
        assertThat(assessment.getSource().getKind()).isEqualTo(ExternalKind.EXTERNAL_KIND_INTERVIEW);
        assertThat(assessment.getSource().getId()).isEqualTo("int-1");
        assertThat(assessment.getOverallScore().getValue()).isEqualTo(80);
        assertThat(assessment.getOverallScore().getScale().getMax()).isEqualTo(100);
        assertThat(assessment.getRecommendation()).isEqualTo(Recommendation.RECOMMENDATION_ADVANCE);
        assertThat(assessment.getConfidence()).isEqualTo(0.9);
        assertThat(assessment.getEvaluator().getKind()).isEqualTo(EvaluatorKind.EVALUATOR_KIND_AI);
        assertThat(assessment.getEvaluator().getName()).isEqualTo("Acme Interview AI");
        assertThat(assessment.getModel().getPromptVersion()).isEqualTo("p-4");
        assertThat(assessment.getCompetencyScoresList()).singleElement()
                .satisfies(c -> assertThat(c.getScore().getScale().getMax()).isEqualTo(5));
        assertThat(assessment.getArtifactsList()).extracting(ArtifactRef::getKind)
                .containsExactly(ArtifactKind.ARTIFACT_KIND_TRANSCRIPT);
        assertThat(assessment.hasCompleteTime()).isTrue();
    }

    @Test
    void aConfidenceOffTheScaleAndAnUnknownRecommendationAreLeftUnset() {
        InterviewResult result = new InterviewResult("int-2", "201", "job-9", Map.of(), 3, 1, 5, "hire", List.of(), "",
                1.7, List.of(), null, null, "m", "v", "p", null);

        Assessment assessment = WriteBackMessages.assessment(AI, result, CASE);

        assertThat(assessment.getConfidence()).isZero();
        assertThat(assessment.getRecommendation()).isEqualTo(Recommendation.RECOMMENDATION_UNSPECIFIED);
        assertThat(WriteBackMessages.recommendation(null)).isEqualTo(Recommendation.RECOMMENDATION_UNSPECIFIED);
        assertThat(assessment.hasCompleteTime()).isFalse();
    }

    @Test
    void theCapabilitiesNameOnlyFieldTypesMappingPlansInOneOrder() {
        ConnectorCapabilities lever = new ConnectorCapabilities("LEVER", "v1", Set.of(), Set.of("url", "date", "number"),
                true, true, false, true, false, true, 10, Duration.ofSeconds(1), 20);

        PlanWriteBackRequest request = WriteBackMessages.planRequest("lever-default", Assessment.getDefaultInstance(), "trace-1",
                lever);

        assertThat(request.getProfileId()).isEqualTo("lever-default");
        assertThat(request.getAuditReference()).isEqualTo("trace-1");
        assertThat(request.getCapabilities().getVendor()).isEqualTo("LEVER");
        assertThat(request.getCapabilities().getCandidateFieldTypesList()).isEmpty();
        assertThat(request.getCapabilities().getApplicationFieldTypesList())
                .containsExactly(FieldType.FIELD_TYPE_NUMBER, FieldType.FIELD_TYPE_URL);
        assertThat(request.getCapabilities().getArchive()).isTrue();
        assertThat(request.getCapabilities().getAttachments()).isFalse();
    }

    @Test
    void eachPlannedValueIsWrittenAsItsKind() {
        assertThat(WriteBackMessages.customField(write("ai_score", FieldValue.newBuilder().setNumberValue(80).build())))
                .isEqualTo(CustomFieldWrite.number("ai_score", 80));
        assertThat(WriteBackMessages.customField(write("ai_summary", FieldValue.newBuilder().setTextValue("Strong").build())))
                .isEqualTo(CustomFieldWrite.text("ai_summary", "Strong"));
        assertThat(WriteBackMessages.customField(write("ai_rec", FieldValue.newBuilder().setOptionId("4001").build())))
                .isEqualTo(new CustomFieldWrite("ai_rec", JsonNodeFactory.instance.numberNode(4001L)));
        assertThat(WriteBackMessages.customField(write("ai_link", FieldValue.newBuilder().setUrlValue("https://x").build())))
                .isEqualTo(CustomFieldWrite.url("ai_link", "https://x"));
        assertThat(WriteBackMessages.customField(write("ai_none", FieldValue.getDefaultInstance()))).isNull();
    }

    private static FieldWrite write(String key, FieldValue value) {
        return FieldWrite.newBuilder().setField(TargetField.newBuilder().setKey(key)).setValue(value).build();
    }
}
