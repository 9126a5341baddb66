package io.atsbridge.connectors.greenhouse;

import io.atsbridge.connectors.aivendor.InterviewResult;
import io.atsbridge.connectors.http.VendorHttp;
import io.atsbridge.connectors.partner.AssessmentPartnerProtocol;
import io.atsbridge.connectors.partner.AssessmentState;
import io.micronaut.core.annotation.Nullable;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Greenhouse's Assessment Partner API as atsbridge answers it: test_status answers {@code complete} only with a
 * {@code partner_profile_url}, results are shown as flat labels, and the completion is a PATCH of the completion URL
 * from send_test with the partner key ({@link GreenhouseAssessmentCallback}).
 *
 * <p>Greenhouse requires {@code partner_profile_url} whenever test_status answers {@code complete}, and reports a
 * response without it through response_error ("partner_status is 'complete' but partner_profile url is missing",
 * assessment {@code _test_status.md} and {@code _response_error.md}); a result without a link is therefore never
 * reported complete.
 */
final class GreenhouseAssessmentPartner implements AssessmentPartnerProtocol {

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
