package io.atsbridge.sandbox.greenhouse;

import java.util.List;
import java.util.Optional;

/** A job (requisition) with its stages in interview-plan order. */
public record GreenhouseJob(long id, String name, List<JobStage> stages) {

    public GreenhouseJob {
        stages = List.copyOf(stages);
    }

    /** The stage with this id, if it belongs to this job. */
    public Optional<JobStage> stage(long stageId) {
        return stages.stream().filter(s -> s.id() == stageId).findFirst();
    }

    /** The stage with this name (exact), if any. */
    public Optional<JobStage> stageNamed(String name) {
        return stages.stream().filter(s -> s.name().equals(name)).findFirst();
    }
}
