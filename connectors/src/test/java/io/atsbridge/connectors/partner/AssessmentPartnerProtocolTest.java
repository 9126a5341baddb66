package io.atsbridge.connectors.partner;

import io.atsbridge.connectors.Vendors;
import io.atsbridge.connectors.aivendor.InterviewResult;
import io.atsbridge.connectors.webhook.WebhookRejection;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** What each registered ATS's protocol says where ATSs differ, as their published APIs require. */
class AssessmentPartnerProtocolTest {

    private static final AssessmentPartnerProtocol GREENHOUSE = Vendors.assessmentPartner("GREENHOUSE").orElseThrow();
    private static final AssessmentPartnerProtocol ASHBY = Vendors.assessmentPartner("ASHBY").orElseThrow();

    @Test
    void eachAtsOrderIsReadFromItsOwnRequestShape() {
        AssessmentPartnerProtocol.Order greenhouse = GREENHOUSE.order(utf8("""
                {"partner_test_id": "kit-designer", "url": " https://gh.example/complete/1 ", "sent_by": "rita@acme.example",
                 "candidate": {"first_name": "Ada", "last_name": "Lovelace", "preferred_name": "Ada", "email": "ada@example.com",
                               "greenhouse_profile_url": "https://app.greenhouse.io/people/1"}}"""));
        assertThat(greenhouse.testId()).isEqualTo("kit-designer");
        assertThat(greenhouse.completionUrl()).isEqualTo("https://gh.example/complete/1");
        assertThat(greenhouse.candidate().email()).isEqualTo("ada@example.com");
        assertThat(greenhouse.candidate().profileUrl()).isEqualTo("https://app.greenhouse.io/people/1");
        assertThat(greenhouse.applicationId()).isEmpty();

        AssessmentPartnerProtocol.Order ashby = ASHBY.order(utf8("""
                {"assessment_type_id": "kit-designer", "candidate": {"email": "ada@example.com", "ashby_id": "c-1"},
                 "application": {"ashby_id": "app-1"}, "job": {"ashby_id": "job-1", "name": "Designer"}}"""));
        assertThat(ashby.testId()).isEqualTo("kit-designer");
        assertThat(ashby.applicationId()).isEqualTo("app-1");
        assertThat(ashby.candidate().atsCandidateId()).isEqualTo("c-1");
        assertThat(ashby.jobName()).isEqualTo("Designer");
        assertThat(ashby.completionUrl()).isEmpty();
    }

    @Test
    void anInvalidOrderIsRefusedWithTheStatusEachAtsTakes() {
        assertThat(catchThrowableOfType(WebhookRejection.class, () -> GREENHOUSE.order(utf8("{\"partner_test_id\": \"t\"}"))))
                .satisfies(e -> assertThat(e.status()).isEqualTo(400))
                .satisfies(e -> assertThat(e.reason()).isEqualTo("SEND_TEST_INVALID"));
        assertThat(catchThrowableOfType(WebhookRejection.class, () -> ASHBY.order(utf8("{\"assessment_type_id\": \"t\"}"))))
                .satisfies(e -> assertThat(e.status()).isEqualTo(422))
                .satisfies(e -> assertThat(e.reason()).isEqualTo("ASSESSMENT_START_INVALID"));
        for (byte[] body : List.of(new byte[0], utf8("[1, 2"), utf8("[]"), new byte[PartnerRequests.MAX_BODY + 1])) {
            assertThat(catchThrowableOfType(WebhookRejection.class, () -> ASHBY.order(body)).reason()).isEqualTo("BODY_INVALID");
        }
    }

    @Test
    void eachAtsIsAnsweredInItsOwnShape() {
        List<AssessmentPartnerProtocol.OfferedTest> tests = List.of(
                new AssessmentPartnerProtocol.OfferedTest("kit-designer", "Designer interview", "About design"));
        assertThat(new String(GREENHOUSE.testsAnswer(tests), StandardCharsets.UTF_8))
                .isEqualTo("[{\"partner_test_id\":\"kit-designer\",\"partner_test_name\":\"Designer interview\"}]");
        assertThat(new String(ASHBY.testsAnswer(tests), StandardCharsets.UTF_8)).isEqualTo("{\"success\":true,\"results\":"
                + "[{\"assessment_type_id\":\"kit-designer\",\"name\":\"Designer interview\",\"description\":\"About design\"}]}");
        assertThat(new String(GREENHOUSE.orderAnswer("iv_1", "iv_1"), StandardCharsets.UTF_8))
                .isEqualTo("{\"partner_interview_id\":\"iv_1\"}");
        assertThat(new String(ASHBY.orderAnswer("assessment-1", "iv_1"), StandardCharsets.UTF_8))
                .isEqualTo("{\"success\":true,\"results\":{\"assessment_id\":\"assessment-1\"}}");
    }

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

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
