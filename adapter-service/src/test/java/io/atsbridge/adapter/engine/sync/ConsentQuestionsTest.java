package io.atsbridge.adapter.engine.sync;

import io.atsbridge.adapter.connections.domain.ConsentSettings;
import io.atsbridge.proto.consent.v1.EvaluatePolicyRequest;
import io.atsbridge.proto.consent.v1.PolicyAction;
import io.atsbridge.proto.consent.v1.Recipient;
import io.atsbridge.proto.mapping.v1.PlannedNote;
import io.atsbridge.proto.mapping.v1.WritePlan;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What the loop asks consent-service before each action, and how a result for human review is written. */
class ConsentQuestionsTest {

    private static final ConsentSettings VOICEPRINTS = new ConsentSettings(List.of("voice_recording", "score",
            "biometric.voiceprint"), LocalDate.of(2026, 3, 2), "https://vendor.example/audit", List.of());
    private static final ConsentQuestions.Subject SUBJECT = new ConsentQuestions.Subject("cand-1", List.of("US-IL"),
            List.of("US-NY-NYC"), "ai-acme", VOICEPRINTS);

    @Test
    void scoringAndWriteBackAddTheResultToWhatTheVendorDeclaresEachCategoryOnce() {
        assertThat(ConsentQuestions.categories(VOICEPRINTS, PolicyAction.POLICY_ACTION_AI_INTERVIEW))
                .containsExactly("voice_recording", "score", "biometric.voiceprint");
        assertThat(ConsentQuestions.categories(VOICEPRINTS, PolicyAction.POLICY_ACTION_AI_SCORING))
                .containsExactly("voice_recording", "score", "biometric.voiceprint", "recommendation");
    }

    @Test
    void everyQuestionCarriesBothPlacesAndTheToolWithItsBiasAudit() {
        EvaluatePolicyRequest request = ConsentQuestions.request(SUBJECT, PolicyAction.POLICY_ACTION_AI_SCORING,
                List.of("score"), 0.42);

        assertThat(request.getJurisdictionsList()).containsExactly("US-IL");
        assertThat(request.getRequisitionJurisdictionsList()).containsExactly("US-NY-NYC");
        assertThat(request.getResultConfidence()).isEqualTo(0.42);
        assertThat(request.getTool().getToolId()).isEqualTo("ai-acme");
        assertThat(request.getTool().getBiasAuditSummaryUrl()).isEqualTo("https://vendor.example/audit");
        // Noon UTC: the declared day in every zone from UTC-12 to UTC+11.
        assertThat(request.getTool().getBiasAuditTime().getSeconds())
                .isEqualTo(Instant.parse("2026-03-02T12:00:00Z").getEpochSecond());
        assertThat(request.getRecipient()).isEqualTo(Recipient.RECIPIENT_UNSPECIFIED);
        assertThat(ConsentQuestions.request(SUBJECT, PolicyAction.POLICY_ACTION_DISCLOSE_TO_THIRD_PARTY, List.of("score"),
                null)).satisfies(r -> {
                    assertThat(r.getRecipient()).isEqualTo(Recipient.RECIPIENT_EVALUATOR);
                    assertThat(r.hasResultConfidence()).isFalse();
                });
    }

    @Test
    void aRecordedBiasAuditTakesThePlaceOfTheDeclaredOne() {
        io.atsbridge.proto.audit.v1.BiasAudit recorded = io.atsbridge.proto.audit.v1.BiasAudit.newBuilder()
                .setAuditDate("2025-12-01").setSummaryUrl("https://vendor.example/audit-2025").build();

        EvaluatePolicyRequest request = ConsentQuestions.request(SUBJECT, PolicyAction.POLICY_ACTION_AI_SCORING,
                List.of("score"), 0.9, recorded);

        assertThat(request.getTool().getToolId()).isEqualTo("ai-acme");
        assertThat(request.getTool().getBiasAuditSummaryUrl()).isEqualTo("https://vendor.example/audit-2025");
        assertThat(request.getTool().getBiasAuditTime().getSeconds())
                .isEqualTo(Instant.parse("2025-12-01T12:00:00Z").getEpochSecond());
    }

    @Test
    void aToolWithoutABiasAuditOnRecordSendsOnlyItsId() {
        assertThat(ConsentQuestions.tool("ai-acme", ConsentSettings.DEFAULTS))
                .satisfies(tool -> {
                    assertThat(tool.getToolId()).isEqualTo("ai-acme");
                    assertThat(tool.hasBiasAuditTime()).isFalse();
                    assertThat(tool.getBiasAuditSummaryUrl()).isEmpty();
                });
    }

    @Test
    void aResultForHumanReviewSaysSoFirstInItsNote() {
        WritePlan plan = WritePlan.newBuilder().setNote(PlannedNote.newBuilder().setBody("AI assessment.")).build();

        assertThat(WriteBackMessages.forHumanReview(plan, 0.554).getNote().getBody())
                .isEqualTo(WriteBackMessages.humanReviewLine(0.554) + "\nAI assessment.")
                .startsWith("Requires human review: ").contains("confidence 55.4%", "No recommendation was written");
        assertThat(WriteBackMessages.humanReviewLine(0)).contains("confidence not given");
        assertThat(WriteBackMessages.forHumanReview(WritePlan.getDefaultInstance(), 0.5)).isEqualTo(WritePlan.getDefaultInstance());
    }
}
