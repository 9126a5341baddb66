package io.atsbridge.connectors.ashby;

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

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.atsbridge.connectors.partner.PartnerRequests.child;
import static io.atsbridge.connectors.partner.PartnerRequests.object;
import static io.atsbridge.connectors.partner.PartnerRequests.text;

/**
 * Ashby's assessments integration (developers.ashbyhq.com "Creating an Assessments Integration") as atsbridge answers
 * it: the completion is an {@code assessment.update} (status Completed, the score as {@code assessment_result}, the
 * transcript or recording link as {@code assessment_profile_url}, model, prompt version and confidence as metadata),
 * POSTed to the customer's Ashby with the customer's API key ({@link AshbyAssessmentCallback}).
 *
 * <p>Its requests and answers, JSON in and out, every answer {@code {"success": true, "results": ...}}:
 * assessment.list answers {@code [{assessment_type_id, name, description}]}; assessment.start orders
 * ({@code assessment_type_id}, {@code candidate}, {@code application}, {@code job}) and is answered
 * {@code {assessment_id}}; assessment.cancel ({@link #cancellation}) is Ashby's alone. An invalid request is a 422,
 * whose message Ashby shows its user.
 */
public final class AshbyAssessmentPartner implements AssessmentPartnerProtocol {

    AshbyAssessmentPartner() {
    }

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
    public byte[] testsAnswer(List<OfferedTest> tests) {
        ArrayNode results = VendorJson.array();
        for (OfferedTest type : tests) {
            results.addObject().put("assessment_type_id", type.id()).put("name", type.name())
                    .put("description", type.description());
        }
        return success(results);
    }

    /** assessment.start: the assessment type, the candidate, the application assessed and its job. */
    @Override
    public Order order(@Nullable byte[] body) {
        JsonNode request = object(body);
        JsonNode candidate = child(request, "candidate");
        JsonNode application = child(request, "application");
        JsonNode job = child(request, "job");
        String typeId = text(request, "assessment_type_id");
        if (typeId.isEmpty() || text(candidate, "email").isEmpty() || text(application, "ashby_id").isEmpty()) {
            throw new WebhookRejection(422, "ASSESSMENT_START_INVALID", "assessment_type_id, candidate.email and "
                    + "application.ashby_id are required");
        }
        return new Order(typeId, new OrderedCandidate(text(candidate, "first_name"), text(candidate, "last_name"), "",
                text(candidate, "email"), "", "", text(candidate, "ashby_id"), text(candidate, "ashby_profile_url")),
                "", "", text(application, "ashby_id"), text(job, "ashby_id"), text(job, "name"));
    }

    /** Ashby knows the assessment by its own id: {@code {assessment_id}}. */
    @Override
    public byte[] orderAnswer(String assessmentId, String interviewId) {
        return assessmentAnswer(assessmentId);
    }

    /**
     * The assessment an assessment.cancel request names.
     *
     * @throws WebhookRejection 422 ASSESSMENT_ID_MISSING when it names none
     */
    public String cancellation(@Nullable byte[] body) {
        String assessmentId = text(object(body), "assessment_id");
        if (assessmentId.isEmpty()) {
            throw new WebhookRejection(422, "ASSESSMENT_ID_MISSING", "assessment_id is required");
        }
        return assessmentId;
    }

    /** assessment.cancel's answer, documented as assessment.start's: {@code {assessment_id}}. */
    public byte[] cancelAnswer(String assessmentId) {
        return assessmentAnswer(assessmentId);
    }

    private static byte[] assessmentAnswer(String assessmentId) {
        return success(VendorJson.object().put("assessment_id", assessmentId));
    }

    private static byte[] success(JsonNode results) {
        ObjectNode answer = VendorJson.object().put("success", true);
        answer.set("results", results);
        return VendorJson.write(answer);
    }

    /**
     * The interview is for Ashby's job when the order names one ({@code ashby-job:<job>}), else for the assessment type;
     * keyed {@code ashby-partner-...}.
     */
    @Override
    public InterviewRequest interviewRequest(String orderKey, String testId, String testName, String jobId, String jobName) {
        return new InterviewRequest("ashby-partner-" + orderKey, "ashby-partner-" + orderKey.substring(0, 32),
                new AiInterviewVendor.Job("ashby-job:" + (jobId.isBlank() ? testId : jobId), jobName.isBlank() ? testName : jobName),
                "assessment_type_id");
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
