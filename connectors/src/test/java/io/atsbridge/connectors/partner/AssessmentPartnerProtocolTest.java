package io.atsbridge.connectors.partner;

import io.atsbridge.connectors.Vendors;
import io.atsbridge.connectors.aivendor.InterviewResult;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What each registered ATS's protocol says where ATSs differ, as their published APIs require. */
class AssessmentPartnerProtocolTest {

    private static final AssessmentPartnerProtocol GREENHOUSE = Vendors.assessmentPartner("GREENHOUSE").orElseThrow();
    private static final AssessmentPartnerProtocol ASHBY = Vendors.assessmentPartner("ASHBY").orElseThrow();

    @Test
    void greenhouseAnswersCompleteOnlyWithALinkToTheResult() {
        assertThat(GREENHOUSE.status(AssessmentState.INVITED, null)).isEqualTo("invited");
        assertThat(GREENHOUSE.status(AssessmentState.COMPLETE, "https://ai.example/t/1")).isEqualTo("complete");
        assertThat(GREENHOUSE.status(AssessmentState.NOTIFIED, "https://ai.example/t/1")).isEqualTo("complete");
        // test_status "complete" without partner_profile_url is an error Greenhouse reports through response_error.
        assertThat(GREENHOUSE.status(AssessmentState.COMPLETE, null)).isEqualTo("invited");
        assertThat(GREENHOUSE.status(AssessmentState.COMPLETE, " ")).isEqualTo("invited");
    }

    @Test
    void theLinkIsTheTranscriptElseTheRecordingAndAResultWithoutOneSaysWhatToDo() {
        assertThat(GREENHOUSE.profileUrl(result("https://ai.example/t", "https://ai.example/r"))).isEqualTo("https://ai.example/t");
        assertThat(GREENHOUSE.profileUrl(result(" ", "https://ai.example/r"))).isEqualTo("https://ai.example/r");
        assertThat(GREENHOUSE.profileUrl(result(null, null))).isNull();
        assertThat(ASHBY.profileUrl(result(null, "https://ai.example/r"))).isEqualTo("https://ai.example/r");
        assertThat(ASHBY.profileUrl(result(null, null))).isNull();
        assertThat(GREENHOUSE.missingProfileUrl("iv_1")).contains("iv_1", "partner_profile_url", "replay this dead letter");
        assertThat(ASHBY.missingProfileUrl("iv_1")).contains("iv_1", "assessment_profile_url");
    }

    @Test
    void eachAtsShowsItsOwnLabelsOfTheResult() {
        InterviewResult result = result("https://ai.example/t", null);
        assertThat(GREENHOUSE.labels(result)).containsExactly(Map.entry("Recommendation", "advance"),
                Map.entry("Score scale", "0 to 100"), Map.entry("Confidence", "90%"), Map.entry("Model", "m-1 2024-06"),
                Map.entry("Completed At", "2026-01-02T03:04:05Z"));
        assertThat(ASHBY.labels(result)).containsExactly(Map.entry("Model", "m-1 2024-06"), Map.entry("Prompt version", "p-7"),
                Map.entry("Confidence", "90%"), Map.entry("Recommendation", "advance"));
    }

    @Test
    void greenhouseOrdersNameTheirCompletionUrlAndAshbysAnApplication() {
        assertThat(GREENHOUSE.completionUrlPerOrder()).isTrue();
        assertThat(ASHBY.completionUrlPerOrder()).isFalse();
        assertThat(GREENHOUSE.testNotFound("ai-acme", "kit-x").reason()).isEqualTo("PARTNER_TEST_NOT_FOUND");
        assertThat(ASHBY.testNotFound("ai-acme", "kit-x").reason()).isEqualTo("ASSESSMENT_TYPE_NOT_FOUND");
        assertThat(ASHBY.testNotFound("ai-acme", "kit-x").message()).contains("kit-x", "assessment.list");
    }

    private static InterviewResult result(String transcriptUrl, String recordingUrl) {
        return new InterviewResult("iv_1", "cand-1", "job-1", Map.of(), 82.5, 0, 100, "advance", List.of(), "", 0.9, List.of(),
                transcriptUrl, recordingUrl, "m-1", "2024-06", "p-7", Instant.parse("2026-01-02T03:04:05Z"));
    }
}
