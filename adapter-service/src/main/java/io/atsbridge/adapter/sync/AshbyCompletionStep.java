package io.atsbridge.adapter.sync;

import io.atsbridge.adapter.connector.Connectors;
import io.atsbridge.adapter.domain.AshbyPartnerAssessments;
import io.atsbridge.adapter.domain.ClaimedEvent;
import io.atsbridge.adapter.domain.Connection;
import io.atsbridge.connectors.aivendor.InterviewCompletion;
import io.atsbridge.connectors.aivendor.InterviewResult;
import io.atsbridge.connectors.ashby.AshbyAssessmentCallback;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An AI interview that Ashby ordered through its assessment partner API finished: store the result and POST
 * Ashby's {@code assessment.update} with it (status Completed, the score as {@code assessment_result}, the
 * vendor's transcript or recording link as {@code assessment_profile_url}, and model, prompt version and
 * confidence as metadata). An assessment Ashby cancelled is left alone: nothing is pushed. A failed update
 * fails the inbox event, which is retried like any vendor call; the stored result stays and is not stored twice.
 */
@Singleton
final class AshbyCompletionStep {

    /** The metadata "source" of interviews created for Ashby's assessment.start. */
    static final String SOURCE = "ashby-assessment-partner";

    private final AshbyPartnerAssessments assessments;
    private final Connectors connectors;

    AshbyCompletionStep(AshbyPartnerAssessments assessments, Connectors connectors) {
        this.assessments = assessments;
        this.connectors = connectors;
    }

    /**
     * The outcome when the event completes an interview Ashby ordered; empty when it concerns another
     * interview (the caller routes it on).
     *
     * @throws SyncFailure when the assessment.update failed, or (retryable) when the interview was created for
     *                     Ashby but its assessment is not recorded yet
     */
    Optional<Outcome> route(ClaimedEvent event, Connection ai) {
        InterviewResult result;
        try {
            result = InterviewCompletion.parse(event.rawBody());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        Optional<AshbyPartnerAssessments.Assessment> assessment = assessments.findByInterview(event.tenantId(), ai.id(),
                result.interviewId());
        if (assessment.isPresent()) {
            return Optional.of(process(event, ai, assessment.get(), result));
        }
        if (SOURCE.equals(result.metadata().get("source"))) {
            // The vendor was faster than assessment.start: the assessment is being recorded.
            throw new TransientFailure("Ashby assessment interview " + result.interviewId() + " is not recorded yet");
        }
        return Optional.empty();
    }

    Outcome process(ClaimedEvent event, Connection ai, AshbyPartnerAssessments.Assessment assessment, InterviewResult result) {
        Map<String, String> refs = Map.of("interview_id", result.interviewId(), "assessment_id", assessment.assessmentId(),
                "outcome", "ASHBY_ASSESSMENT_COMPLETED");
        if (assessment.status() == AshbyPartnerAssessments.Status.CANCELLED) {
            return Outcome.ignored("Ashby cancelled assessment " + assessment.assessmentId() + " (interview "
                    + result.interviewId() + "): the result is not reported", List.of(AuditRecords.received(event, event.id(),
                    "", Map.of("interview_id", result.interviewId(), "assessment_id", assessment.assessmentId(),
                            "outcome", "ASHBY_ASSESSMENT_CANCELLED"), now())));
        }
        boolean sameResult = assessment.status() != AshbyPartnerAssessments.Status.INVITED && assessment.score() != null
                && Double.compare(assessment.score(), result.score()) == 0;
        if (assessment.status() == AshbyPartnerAssessments.Status.NOTIFIED && sameResult) {
            return Outcome.ignored("the result of Ashby assessment " + assessment.assessmentId() + " was already reported",
                    List.of(AuditRecords.received(event, event.id(), "", refs, now())));
        }
        String profileUrl = profileUrl(result);
        String step = "reporting Ashby assessment " + assessment.assessmentId() + " (interview " + result.interviewId()
                + ") to Ashby";
        if (profileUrl == null) {
            throw new PermanentFailure(FailureReason.MISSING_DATA, step + ": the AI vendor reported no transcript or "
                    + "recording URL for interview " + result.interviewId() + ", and Ashby requires assessment_profile_url "
                    + "with a result");
        }
        try {
            if (!sameResult || assessment.status() == AshbyPartnerAssessments.Status.INVITED) {
                if (!assessments.complete(ai.id(), assessment.assessmentId(), result.score(), profileUrl, labels(result))) {
                    return Outcome.ignored("Ashby cancelled assessment " + assessment.assessmentId()
                            + " while its result arrived: the result is not reported", List.of(AuditRecords.received(event,
                            event.id(), "", refs, now())));
                }
            }
            AshbyPartnerAssessments.AshbyApi api = assessments.api(event.tenantId(), ai.id());
            connectors.ashbyAssessment(ai).update(api.baseUrl(), api.apiKey(),
                    update(assessment.assessmentId(), result, profileUrl, now()));
            assessments.notified(ai.id(), assessment.assessmentId());
        } catch (RuntimeException e) {
            throw Failures.classify(step, e);
        }
        return Outcome.done("Ashby assessment " + assessment.assessmentId() + " (interview " + result.interviewId()
                + ") reported complete to Ashby", List.of(AuditRecords.received(event, event.id(), "", refs, now())));
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

    @Nullable
    private static String profileUrl(InterviewResult result) {
        return result.transcriptUrl() != null ? result.transcriptUrl() : result.recordingUrl();
    }

    /** What is stored with the result, as flat strings. */
    private static Map<String, String> labels(InterviewResult result) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("Model", (result.modelId() + " " + result.modelVersion()).trim());
        labels.put("Prompt version", result.promptVersion());
        labels.put("Confidence", fmt(result.confidence() * 100) + "%");
        if (result.recommendation() != null) {
            labels.put("Recommendation", result.recommendation());
        }
        return labels;
    }

    private static String fmt(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.1f", value);
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
