package io.atsbridge.connectors.greenhouse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atsbridge.connectors.VendorJson;
import io.atsbridge.connectors.aivendor.AiInterviewVendor;
import io.atsbridge.connectors.aivendor.InterviewResult;
import io.atsbridge.connectors.http.VendorHttp;
import io.atsbridge.connectors.partner.AssessmentPartnerProtocol;
import io.atsbridge.connectors.partner.AssessmentState;
import io.atsbridge.connectors.webhook.WebhookRejection;
import io.micronaut.core.annotation.Nullable;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.atsbridge.connectors.partner.PartnerRequests.child;
import static io.atsbridge.connectors.partner.PartnerRequests.object;
import static io.atsbridge.connectors.partner.PartnerRequests.text;

/**
 * Greenhouse's Assessment Partner API as atsbridge answers it: test_status answers {@code complete} only with a
 * {@code partner_profile_url}, results are shown as flat labels, and the completion is a PATCH of the completion URL
 * from send_test with the partner key ({@link GreenhouseAssessmentCallback}).
 *
 * <p>Greenhouse requires {@code partner_profile_url} whenever test_status answers {@code complete}, and reports a
 * response without it through response_error ("partner_status is 'complete' but partner_profile url is missing",
 * assessment {@code _test_status.md} and {@code _response_error.md}); a result without a link is therefore never
 * reported complete.
 *
 * <p>Its requests and answers: list_tests answers {@code [{partner_test_id, partner_test_name}]}; send_test orders
 * ({@code partner_test_id}, {@code url}, {@code candidate}, {@code sent_by}) and is answered
 * {@code {partner_interview_id}}; test_status ({@link #statusAnswer}) and response_error ({@link #errorReport}) are
 * Greenhouse's alone. An invalid request is a 400.
 */
public final class GreenhouseAssessmentPartner implements AssessmentPartnerProtocol {

    /** What Greenhouse reports through response_error about one of atsbridge's answers; never the candidate. */
    public record ErrorReport(String apiCall, String testId, String interviewId, String errors) {
    }

    GreenhouseAssessmentPartner() {
    }

    @Override
    public String vendor() {
        return "GREENHOUSE";
    }

    @Override
    public String displayName() {
        return "Greenhouse";
    }

    @Override
    public boolean completionUrlPerOrder() {
        return true;
    }

    @Override
    public byte[] testsAnswer(List<OfferedTest> tests) {
        ArrayNode answer = VendorJson.array();
        for (OfferedTest test : tests) {
            answer.addObject().put("partner_test_id", test.id()).put("partner_test_name", test.name());
        }
        return VendorJson.write(answer);
    }

    /** send_test: the test, the completion URL, the candidate and who sent it. */
    @Override
    public Order order(@Nullable byte[] body) {
        JsonNode request = object(body);
        JsonNode candidate = child(request, "candidate");
        String testId = text(request, "partner_test_id");
        String url = text(request, "url");
        if (testId.isEmpty() || url.isEmpty() || text(candidate, "email").isEmpty()) {
            throw new WebhookRejection(400, "SEND_TEST_INVALID", "partner_test_id, url and candidate.email are required");
        }
        return new Order(testId, new OrderedCandidate(text(candidate, "first_name"), text(candidate, "last_name"),
                text(candidate, "preferred_name"), text(candidate, "email"), text(candidate, "phone_number"),
                text(candidate, "resume_url"), "", text(candidate, "greenhouse_profile_url")),
                url, text(request, "sent_by"), "", "", "");
    }

    /** Greenhouse knows the assessment by the interview: {@code partner_interview_id}. */
    @Override
    public byte[] orderAnswer(String assessmentId, String interviewId) {
        return VendorJson.write(VendorJson.object().put("partner_interview_id", interviewId));
    }

    /**
     * test_status's answer: {@code partner_status}, and {@code partner_profile_url}, {@code partner_score} (whole
     * numbers without a fraction) and {@code metadata} when there are any.
     */
    public byte[] statusAnswer(String status, @Nullable Double score, String profileUrl, Map<String, String> metadata) {
        ObjectNode answer = VendorJson.object().put("partner_status", status);
        if (!profileUrl.isEmpty()) {
            answer.put("partner_profile_url", profileUrl);
        }
        if (score != null) {
            if (score == Math.rint(score) && Math.abs(score) < 1e15) {
                answer.put("partner_score", score.longValue());
            } else {
                answer.put("partner_score", score);
            }
        }
        if (!metadata.isEmpty()) {
            ObjectNode labels = answer.putObject("metadata");
            metadata.forEach(labels::put);
        }
        return VendorJson.write(answer);
    }

    /** What a response_error request reports. */
    public ErrorReport errorReport(@Nullable byte[] body) {
        JsonNode report = object(body);
        JsonNode errors = report.path("errors");
        return new ErrorReport(text(report, "api_call"), text(report, "partner_test_id"), text(report, "partner_interview_id"),
                errors.isMissingNode() || errors.isNull() ? "[]" : errors.toString());
    }

    /** response_error's answer: {@code {"status": 200}}. */
    public byte[] errorReportAnswer() {
        return VendorJson.write(VendorJson.object().put("status", 200));
    }

    /** The interview is for the test, whatever the job: {@code partner-test:<test>}, keyed {@code gh-partner-...}. */
    @Override
    public InterviewRequest interviewRequest(String orderKey, String testId, String testName, String jobId, String jobName) {
        return new InterviewRequest("gh-partner-" + orderKey, "gh-partner-" + orderKey.substring(0, 32),
                new AiInterviewVendor.Job("partner-test:" + testId, testName), "partner_test_id");
    }

    @Override
    public TestNotFound testNotFound(String connectionId, String testId) {
        return new TestNotFound("PARTNER_TEST_NOT_FOUND", "connection " + connectionId + " offers no test '" + testId + "'");
    }

    /** The transcript, else the recording. */
    @Override
    @Nullable
    public String profileUrl(InterviewResult result) {
        if (result.transcriptUrl() != null && !result.transcriptUrl().isBlank()) {
            return result.transcriptUrl();
        }
        return result.recordingUrl() != null && !result.recordingUrl().isBlank() ? result.recordingUrl() : null;
    }

    /** Flat primitives for Greenhouse: no free text beyond the short labels. */
    @Override
    public Map<String, String> labels(InterviewResult result) {
        Map<String, String> metadata = new LinkedHashMap<>();
        if (result.recommendation() != null) {
            metadata.put("Recommendation", result.recommendation());
        }
        metadata.put("Score scale", fmt(result.scaleMin()) + " to " + fmt(result.scaleMax()));
        metadata.put("Confidence", fmt(result.confidence() * 100) + "%");
        metadata.put("Model", result.modelId() + " " + result.modelVersion());
        if (result.completedAt() != null) {
            metadata.put("Completed At", result.completedAt().toString());
        }
        return metadata;
    }

    @Override
    public String missingProfileUrl(String interviewId) {
        return "partner interview " + interviewId + " finished, but the AI vendor's result has no transcript or recording "
                + "URL: Greenhouse requires partner_profile_url with partner_status complete (test_status), so the "
                + "completion is not reported to Greenhouse. Have the AI vendor send a results link, then replay this "
                + "dead letter";
    }

    /**
     * {@code complete} once a result with a link is stored, else {@code invited}: a result stored without a link (before
     * completions required one) stays {@code invited} until it has one.
     */
    @Override
    public String status(AssessmentState state, @Nullable String profileUrl) {
        boolean complete = (state == AssessmentState.COMPLETE || state == AssessmentState.NOTIFIED)
                && profileUrl != null && !profileUrl.isBlank();
        return complete ? "complete" : "invited";
    }

    @Override
    public void reportCompletion(VendorHttp http, Callback callback, Completion completion) {
        new GreenhouseAssessmentCallback(http).complete(callback.url(), callback.credential());
    }

    static String fmt(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.1f", value);
    }
}
