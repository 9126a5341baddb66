package io.atsbridge.connectors.aivendor;

import io.atsbridge.connectors.MalformedPayloadException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The AI vendor's interview.completed event the loop reads, from the documented example. */
class InterviewCompletionTest {

    private static byte[] fixture(String name) throws IOException {
        try (InputStream in = InterviewCompletionTest.class.getResourceAsStream("/fixtures/" + name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
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
}
