package io.atsbridge.sandbox.greenhouse;

import java.time.Instant;

/**
 * An application as it is now.
 *
 * @param status active, rejected or hired
 */
public record ApplicationView(long id, long candidateId, long jobId, JobStage currentStage, String status,
                              Instant appliedAt, Instant lastActivityAt) {
}
