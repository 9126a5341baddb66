package io.atsbridge.sandbox.aivendor;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.Map;

/**
 * An interview at the AI vendor.
 *
 * @param status      invited, then completed
 * @param metadata    the caller's string map, returned unchanged in the completion event
 * @param completedAt when it completed, if it has
 * @param result      the assessment, once completed
 */
public record Interview(String id, String status, Candidate candidate, Job job, String interviewKitId,
                        Map<String, String> metadata, String invitationUrl, Instant createdAt,
                        @Nullable Instant completedAt, @Nullable InterviewResult result) {

    public Interview {
        metadata = Map.copyOf(metadata);
    }

    /** The candidate as the caller identified them. */
    public record Candidate(String externalId, String firstName, String lastName, String email) {
    }

    /** The job as the caller identified it. */
    public record Job(String externalId, String title) {
    }

    /** This interview, completed now with {@code result}. */
    Interview completed(Instant at, InterviewResult result) {
        return new Interview(id, "completed", candidate, job, interviewKitId, metadata, invitationUrl, createdAt, at, result);
    }
}
