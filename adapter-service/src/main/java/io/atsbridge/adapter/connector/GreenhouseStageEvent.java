package io.atsbridge.adapter.connector;

import io.micronaut.core.annotation.Nullable;

/**
 * What a Greenhouse {@code candidate_stage_change} or {@code new_candidate_application} webhook says
 * about the application and the stage it is in now (Greenhouse sends no previous stage). Holds
 * personal data (names, e-mail): never log it; {@link #toString()} prints ids only.
 *
 * @param action          the webhook's action
 * @param jobId           the first of the application's jobs; null for a prospect without a job
 * @param email           the candidate's first e-mail address; empty when none
 * @param candidateFields the candidate's custom field values by immutable key, as text (null values left out)
 */
public record GreenhouseStageEvent(
        String action,
        String applicationId,
        String candidateId,
        @Nullable String jobId,
        String jobName,
        String stageId,
        String stageName,
        String firstName,
        String lastName,
        String email,
        java.util.Map<String, String> candidateFields) {

    public GreenhouseStageEvent {
        candidateFields = java.util.Map.copyOf(candidateFields);
    }

    @Override
    public String toString() {
        return "GreenhouseStageEvent[" + action + ", application " + applicationId + ", candidate " + candidateId
                + ", job " + jobId + ", stage " + stageId + "]";
    }
}
