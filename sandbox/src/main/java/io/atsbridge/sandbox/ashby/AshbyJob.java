package io.atsbridge.sandbox.ashby;

import java.util.List;
import java.util.Optional;

/**
 * A job with its (single) interview plan. The plan holds the stages given when the job was added, followed by
 * the {@code Hired} and {@code Archived} stages every Ashby plan ends with.
 */
public record AshbyJob(String id, String title, String requisitionId, String interviewPlanId,
                       List<AshbyInterviewStage> stages) {

    public AshbyJob {
        stages = List.copyOf(stages);
    }

    /** The stage with this id, if it is in this job's plan. */
    public Optional<AshbyInterviewStage> stage(String stageId) {
        return stages.stream().filter(s -> s.id().equals(stageId)).findFirst();
    }

    /** The first stage with this title. */
    public AshbyInterviewStage stageTitled(String title) {
        return stages.stream().filter(s -> s.title().equals(title)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("job " + title() + " has no stage titled " + title
                        + " (stages: " + stages.stream().map(AshbyInterviewStage::title).toList() + ")"));
    }

    /** The first stage of the given type, e.g. {@code Hired}. */
    public Optional<AshbyInterviewStage> stageOfType(String type) {
        return stages.stream().filter(s -> s.type().equals(type)).findFirst();
    }
}
