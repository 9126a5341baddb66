package io.atsbridge.adapter.connector;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The webhook bodies the loop reads, from the vendors' documented examples. */
class WebhookParsersTest {

    private static byte[] fixture(String name) throws IOException {
        try (InputStream in = WebhookParsersTest.class.getResourceAsStream("/fixtures/" + name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }

    @Test
    void greenhouseStageChangeGivesApplicationCandidateJobAndCurrentStage() throws IOException {
        AtsStageEvent event = GreenhouseWebhook.stageEvent(fixture("greenhouse_webhook_candidate_stage_change.json"));

        assertThat(event.action()).isEqualTo("candidate_stage_change");
        assertThat(event.applicationId()).isEqualTo("265277");
        assertThat(event.candidateId()).isEqualTo("265772");
        assertThat(event.jobId()).isEqualTo("3485");
        assertThat(event.jobName()).isEqualTo("Designer");
        assertThat(event.stageId()).isEqualTo("71416");
        assertThat(event.stageName()).isEqualTo("Assessment");
        assertThat(event.firstName()).isEqualTo("Giuseppe");
        assertThat(event.lastName()).isEqualTo("Hurley");
        assertThat(event.email()).isEqualTo("giuseppe.hurley@example.com");
        assertThat(event.candidateFields()).containsExactly(java.util.Map.entry("favorite_color", "Blue"));
        assertThat(event.toString()).doesNotContain("Giuseppe", "hurley@");
    }

    @Test
    void greenhouseNewApplicationTakesTheFirstJobAndEmail() throws IOException {
        AtsStageEvent event = GreenhouseWebhook.stageEvent(fixture("greenhouse_webhook_new_candidate_application.json"));

        assertThat(event.action()).isEqualTo("new_candidate_application");
        assertThat(event.applicationId()).isEqualTo("71980812");
        assertThat(event.candidateId()).isEqualTo("60304594");
        assertThat(event.stageName()).isEqualTo("Preliminary Phone Screen");
        assertThat(event.email()).isEqualTo("person@work.com");
        assertThat(event.jobId()).isNotBlank();
    }

    @Test
    void otherGreenhouseActionsAndBrokenBodiesAreRefusedWithTheReason() throws IOException {
        assertThat(GreenhouseWebhook.action(fixture("greenhouse_webhook_delete_application.json"))).isEqualTo("delete_application");
        assertThatThrownBy(() -> GreenhouseWebhook.stageEvent(fixture("greenhouse_webhook_delete_application.json")))
                .isInstanceOf(MalformedPayloadException.class).hasMessageContaining("delete_application");
        assertThatThrownBy(() -> GreenhouseWebhook.stageEvent("{\"action\":\"candidate_stage_change\",\"payload\":{}}"
                .getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedPayloadException.class).hasMessageContaining("payload.application.id");
        assertThatThrownBy(() -> GreenhouseWebhook.stageEvent("not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedPayloadException.class).hasMessageContaining("not valid JSON");
    }

    @Test
    void interviewCompletedGivesTheResultWithItsScalesAndProvenance() throws IOException {
        InterviewResult result = InterviewCompletion.parse(fixture("ai_vendor_interview_completed.json"));

        assertThat(result.interviewId()).isEqualTo("int_7f3a9c");
        assertThat(result.candidateExternalId()).isEqualTo("cand-canonical-1");
        assertThat(result.jobExternalId()).isEqualTo("3485");
        assertThat(result.metadata()).containsEntry("ats_connection_id", "gh-acme").containsEntry("application_id", "app-canonical-1");
        assertThat(result.score()).isEqualTo(78);
        assertThat(result.scaleMin()).isZero();
        assertThat(result.scaleMax()).isEqualTo(100);
        assertThat(result.recommendation()).isEqualTo("advance");
        assertThat(result.competencies()).hasSize(2);
        assertThat(result.competencies().get(0).name()).isEqualTo("Communication");
        assertThat(result.competencies().get(0).scaleMin()).isEqualTo(1);
        assertThat(result.competencies().get(0).scaleMax()).isEqualTo(5);
        assertThat(result.rationale()).startsWith("The candidate performed strongly");
        assertThat(result.confidence()).isEqualTo(0.82);
        assertThat(result.skills()).containsExactly("Figma", "User Research");
        assertThat(result.transcriptUrl()).endsWith("/transcript");
        assertThat(result.recordingUrl()).endsWith("/recording");
        assertThat(result.modelId()).isEqualTo("interviewer-large");
        assertThat(result.modelVersion()).isEqualTo("2026-09-01");
        assertThat(result.promptVersion()).isEqualTo("kit-designer-v3");
        assertThat(result.completedAt()).isEqualTo(Instant.parse("2026-09-14T10:15:00Z"));
    }

    @Test
    void interviewEventsWithoutTypeIdOrValidScaleAreRefused() {
        assertThatThrownBy(() -> InterviewCompletion.parse("{\"type\":\"interview.invited\",\"data\":{}}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedPayloadException.class).hasMessageContaining("interview.invited");
        assertThatThrownBy(() -> InterviewCompletion.parse("{\"type\":\"interview.completed\",\"data\":{\"result\":{}}}"
                .getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedPayloadException.class).hasMessageContaining("interview_id");
        assertThatThrownBy(() -> InterviewCompletion.parse(("{\"type\":\"interview.completed\",\"data\":{\"interview_id\":\"i1\","
                + "\"result\":{\"score\":3,\"scale\":{\"min\":5,\"max\":5}}}}").getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedPayloadException.class).hasMessageContaining("scale");
    }

    @Test
    void tagsMergeKeepingTheCandidatesAndAddingOnlyNewOnes() {
        assertThat(GreenhouseHarvest.mergeTags(java.util.List.of("Ruby", "Comp Sci"), java.util.List.of("ai-skill:Figma", "ruby")))
                .containsExactly("Ruby", "Comp Sci", "ai-skill:Figma");
        assertThat(GreenhouseHarvest.mergeTags(java.util.List.of("A"), java.util.List.of("a"))).containsExactly("A");
    }

    @Test
    void retryAfterIsReadAsSecondsOrHttpDate() {
        assertThat(VendorHttp.parseRetryAfter("7")).contains(java.time.Duration.ofSeconds(7));
        assertThat(VendorHttp.parseRetryAfter("-3")).contains(java.time.Duration.ZERO);
        assertThat(VendorHttp.parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).contains(java.time.Duration.ZERO);
        assertThat(VendorHttp.parseRetryAfter("soon")).isEmpty();
    }
}
