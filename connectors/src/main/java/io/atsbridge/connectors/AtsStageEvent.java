package io.atsbridge.connectors;

import io.micronaut.core.annotation.Nullable;

/**
 * What a stage-change or new-application webhook says (completed from the ATS API where the vendor sends
 * little, as Lever does)
 * about the application and the stage it is in now (Greenhouse and Ashby send no previous stage). Holds
 * personal data (names, e-mail): never log it; {@link #toString()} prints ids only.
 *
 * @param action          the webhook's action
 * @param jobId           the first of the application's jobs; null for a prospect without a job
 * @param email           the candidate's first e-mail address; empty when none
 * @param candidateFields the candidate's custom field values by immutable key, as text (null values left out)
 */
public record AtsStageEvent(
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

    public AtsStageEvent {
        candidateFields = java.util.Map.copyOf(candidateFields);
    }

    @Override
    public String toString() {
        return "AtsStageEvent[" + action + ", application " + applicationId + ", candidate " + candidateId
                + ", job " + jobId + ", stage " + stageId + "]";
    }
}
