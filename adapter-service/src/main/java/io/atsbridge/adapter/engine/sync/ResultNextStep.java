package io.atsbridge.adapter.engine.sync;

import io.atsbridge.adapter.connections.domain.Connection;
import io.atsbridge.adapter.connections.domain.NextSteps.Kind;
import io.atsbridge.adapter.connections.domain.NextSteps.NextStep;
import io.atsbridge.adapter.connections.domain.NextStepsDirectory;
import io.atsbridge.adapter.engine.domain.AuditEntry;
import io.atsbridge.adapter.engine.domain.ClaimedEvent;
import io.atsbridge.adapter.engine.domain.LoopCase;
import io.atsbridge.connectors.AtsApplication;
import io.atsbridge.connectors.AtsConnector;
import io.atsbridge.connectors.AtsJob;
import io.atsbridge.connectors.AtsNote;
import io.atsbridge.connectors.aivendor.InterviewResult;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The next step a connection (or the job) configures after a result is written ({@link NextStep}): nothing by default,
 * a tag on the candidate, or a move of the application to a named later stage when the score clears the threshold.
 * Only ever forward: the stage must come after the one the application is in, in the job's plan as the ATS lists it,
 * and the application must still be open; otherwise nothing moves and the audit record says why. Where consent-service
 * asked for human review (or the confidence is below its floor) the step becomes a task for a person instead: an
 * attributed note saying what the step would have been and a tag, and nothing moves. Every step can be repeated: a
 * tag is added once, a note citing the case's trace id and the result's reference is added once, and an application
 * already in the target stage is not moved again.
 */
@Singleton
final class ResultNextStep {

    /** The tag on a candidate whose next step waits for a person. */
    static final String REVIEW_TAG = "AI interview: human review";

    private final NextStepsDirectory directory;

    ResultNextStep(NextStepsDirectory directory) {
        this.directory = directory;
    }

    /**
     * Takes the next step for a just-written result.
     *
     * @param humanReview consent-service asked for human review (a low confidence, or a rule asking a person to decide)
     * @return the {@code loop.next_step} audit record, or null when the job's next step is none
     */
    @Nullable
    AuditEntry take(ClaimedEvent event, Connection ats, AtsConnector client, LoopCase loopCase, @Nullable String jobId,
                    InterviewResult result, boolean humanReview, String resultSha256, Instant at) {
        NextStep step = directory.of(ats.id()).of(jobId);
        if (step.kind() == Kind.NONE) {
            return null;
        }
        double percent = scorePercent(result);
        Map<String, String> refs = new LinkedHashMap<>();
        refs.put("case_id", loopCase.id());
        refs.put("interview_id", result.interviewId());
        refs.put("next_step", step.toString());
        refs.put("score_percent", Long.toString(Math.round(percent)));
        AtsApplication application = client.getApplication(loopCase.applicationExternalId());
        String outcome;
        if (!step.clears(percent)) {
            outcome = "NOT_CLEARED";
        } else if (humanReview) {
            outcome = "HUMAN_REVIEW";
            refs.put("note_id", reviewTask(client, application, step, loopCase, resultSha256));
        } else if (step.kind() == Kind.TAG) {
            outcome = "TAGGED";
            client.updateCandidate(client.getCandidate(application.candidateId()), application, List.of(),
                    List.of(String.valueOf(step.name())));
        } else {
            outcome = move(client, application, step, jobId, refs);
        }
        refs.put("outcome", outcome);
        return AuditRecords.record(event, loopCase.traceId(), AuditRecords.NEXT_STEP, loopCase.applicationId(), ats.id(),
                refs, new byte[0], at);
    }

    /** The result's score as a percentage of its scale; 0 when the scale is empty. */
    static double scorePercent(InterviewResult result) {
        double span = result.scaleMax() - result.scaleMin();
        return span <= 0 ? 0 : Math.max(0, Math.min(100, (result.score() - result.scaleMin()) / span * 100));
    }

    /** Moves the application forward when it may; what happened (MOVED, or SKIPPED with the reason in refs). */
    private static String move(AtsConnector client, AtsApplication application, NextStep step, @Nullable String jobId,
                               Map<String, String> refs) {
        refs.put("from_stage", application.currentStageName() == null ? "" : application.currentStageName());
        if (!application.active()) {
            refs.put("reason", "the application is " + application.status() + ", no longer open");
            return "SKIPPED";
        }
        if (jobId == null) {
            refs.put("reason", "the application has no job whose stages to move through");
            return "SKIPPED";
        }
        List<AtsJob.Stage> stages = client.job(jobId).stages();
        int target = -1;
        int current = -1;
        for (int i = 0; i < stages.size(); i++) {
            if (target < 0 && step.names(stages.get(i).name())) {
                target = i;
            }
            if (stages.get(i).id().equals(application.currentStageId())) {
                current = i;
            }
        }
        if (target < 0) {
            refs.put("reason", "job " + jobId + " has no stage named " + step.name() + "; check next-step");
            return "SKIPPED";
        }
        if (target == current) {
            return "MOVED";
        }
        if (current < 0 || target < current) {
            refs.put("reason", "stage " + step.name() + " is not later than the application's stage in job " + jobId
                    + ": atsbridge never moves an application backwards");
            return "SKIPPED";
        }
        client.moveStage(application, stages.get(target).id());
        refs.put("to_stage", stages.get(target).name());
        return "MOVED";
    }

    /** The note and tag that ask a person to decide the step; the note's id ("" when the ATS takes no notes). */
    private static String reviewTask(AtsConnector client, AtsApplication application, NextStep step, LoopCase loopCase,
                                     String resultSha256) {
        String reference = "Next step reference: " + resultSha256.substring(0, 16);
        String noteId = "";
        if (client.capabilities().notes()) {
            Optional<AtsNote> earlier = client.notes(application).stream()
                    .filter(note -> note.body().contains(loopCase.traceId()) && note.body().contains(reference)).findFirst();
            noteId = (earlier.isPresent() ? earlier.get() : client.addNote(application, "atsbridge: a person must review "
                    + "this AI interview result before its next step (" + describe(step) + "): the result needs human "
                    + "review (low confidence, or a rule asks a person to decide), so nothing was moved or tagged."
                    + "\nAudit reference: " + loopCase.traceId() + "\n" + reference,
                    AtsConnector.NoteVisibility.RESTRICTED)).id();
        }
        if (client.capabilities().tags()) {
            client.updateCandidate(client.getCandidate(application.candidateId()), application, List.of(),
                    List.of(REVIEW_TAG));
        }
        return noteId;
    }

    private static String describe(NextStep step) {
        String threshold = step.minScorePercent() == null ? "" : " when the score is at least " + step.minScorePercent() + "%";
        return step.kind() == Kind.TAG ? "tag '" + step.name() + "'" + threshold
                : "move to stage '" + step.name() + "'" + threshold;
    }
}
