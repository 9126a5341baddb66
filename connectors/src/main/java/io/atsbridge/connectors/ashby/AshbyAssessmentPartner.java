package io.atsbridge.connectors.ashby;

import io.atsbridge.connectors.aivendor.InterviewResult;
import io.atsbridge.connectors.http.VendorHttp;
import io.atsbridge.connectors.partner.AssessmentPartnerProtocol;
import io.atsbridge.connectors.partner.AssessmentState;
import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Ashby's assessments integration (developers.ashbyhq.com "Creating an Assessments Integration") as atsbridge answers
 * it: the completion is an {@code assessment.update} (status Completed, the score as {@code assessment_result}, the
 * transcript or recording link as {@code assessment_profile_url}, model, prompt version and confidence as metadata),
 * POSTed to the customer's Ashby with the customer's API key ({@link AshbyAssessmentCallback}).
 */
final class AshbyAssessmentPartner implements AssessmentPartnerProtocol {

    @Override
    public String vendor() {
        return "ASHBY";
    }

    @Override
    public String displayName() {
        return "Ashby";
    }

    @Override
    public boolean completionUrlPerOrder() {
        return false;
    }

    @Override
    public TestNotFound testNotFound(String connectionId, String testId) {
        return new TestNotFound("ASSESSMENT_TYPE_NOT_FOUND", "connection " + connectionId + " offers no assessment type '"
                + testId + "'; call assessment.list for the offered ones");
    }

    @Override
    @Nullable
    public String profileUrl(InterviewResult result) {
        return result.transcriptUrl() != null ? result.transcriptUrl() : result.recordingUrl();
    }

    /** What is stored with the result, as flat strings. */
    @Override
    public Map<String, String> labels(InterviewResult result) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("Model", (result.modelId() + " " + result.modelVersion()).trim());
        labels.put("Prompt version", result.promptVersion());
        labels.put("Confidence", fmt(result.confidence() * 100) + "%");
        if (result.recommendation() != null) {
            labels.put("Recommendation", result.recommendation());
        }
        return labels;
    }

    @Override
    public String missingProfileUrl(String interviewId) {
        return "the AI vendor reported no transcript or recording URL for interview " + interviewId + ", and Ashby "
                + "requires assessment_profile_url with a result";
    }

    /** Ashby's assessment_status words. */
    @Override
    public String status(AssessmentState state, @Nullable String profileUrl) {
        return switch (state) {
            case INVITED -> "Started";
            case COMPLETE, NOTIFIED -> "Completed";
            case CANCELLED -> "Cancelled";
        };
    }

    @Override
    public void reportCompletion(VendorHttp http, Callback callback, Completion completion) {
        new AshbyAssessmentCallback(http).update(callback.url(), callback.credential(),
                update(completion.assessmentId(), completion.result(), completion.profileUrl(), completion.at()));
    }

    /** The assessment.update for a completed interview. */
    static AshbyAssessmentCallback.Update update(String assessmentId, InterviewResult result, String profileUrl, Instant at) {
        List<AshbyAssessmentCallback.DataValue> metadata = new ArrayList<>();
        metadata.add(new AshbyAssessmentCallback.DataValue("model", "Model", "The AI model that scored the interview",
                "string", (result.modelId() + " " + result.modelVersion()).trim()));
        metadata.add(new AshbyAssessmentCallback.DataValue("prompt_version", "Prompt version",
                "The version of the scoring instructions", "string", result.promptVersion()));
        metadata.add(new AshbyAssessmentCallback.DataValue("confidence", "Confidence",
                "The model's confidence in the score, 0 to 100", "numeric_score", Math.round(result.confidence() * 1000) / 10.0));
        if (result.recommendation() != null) {
            metadata.add(new AshbyAssessmentCallback.DataValue("recommendation", "Recommendation", null, "string",
                    result.recommendation()));
        }
        return new AshbyAssessmentCallback.Update(assessmentId, at.toEpochMilli(),
                new AshbyAssessmentCallback.DataValue("status", "Status", null, "string", "Completed"),
                new AshbyAssessmentCallback.DataValue("score", "Score", "AI interview score on a scale of "
                        + fmt(result.scaleMin()) + " to " + fmt(result.scaleMax()), "numeric_score", result.score()),
                new AshbyAssessmentCallback.DataValue("profile_url", "AI interview", "The interview and its result at the "
                        + "AI vendor", "url", profileUrl),
                null, metadata);
    }

    private static String fmt(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.1f", value);
    }
}
