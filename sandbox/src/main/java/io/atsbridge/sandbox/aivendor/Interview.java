package io.atsbridge.sandbox.aivendor;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.Map;

/**
 * An interview at the AI vendor.
 *
 * @param status      invited, then completed or (cancelled by the caller before it completed) cancelled
 * @param metadata    the caller's string map, returned unchanged in the completion event
 * @param completedAt when it completed, if it has
 * @param result      the assessment, once completed
 * @param cancelledAt when the caller cancelled it, if it did; a cancelled interview never completes
 */
public record Interview(String id, String status, Candidate candidate, Job job, String interviewKitId,
                        Map<String, String> metadata, String invitationUrl, Instant createdAt,
                        @Nullable Instant completedAt, @Nullable InterviewResult result, @Nullable Instant cancelledAt) {

    /** The status of an interview sent, not yet done. */
    public static final String INVITED = "invited";
    /** The status of an interview done, with its result. */
    public static final String COMPLETED = "completed";
    /** The status of an interview the caller cancelled before it completed. */
    public static final String CANCELLED = "cancelled";

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
        return new Interview(id, COMPLETED, candidate, job, interviewKitId, metadata, invitationUrl, createdAt, at, result,
                null);
    }

    /** This interview, ended without a result ({@code declined}, {@code expired}, {@code failed} or {@code cancelled}). */
    Interview ended(String endStatus, Instant at) {
        return new Interview(id, endStatus, candidate, job, interviewKitId, metadata, invitationUrl, createdAt, null, null,
                CANCELLED.equals(endStatus) ? at : null);
    }

    /** This interview, cancelled now. */
    Interview cancelled(Instant at) {
        return new Interview(id, CANCELLED, candidate, job, interviewKitId, metadata, invitationUrl, createdAt, null, null, at);
    }
}
