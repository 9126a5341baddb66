package io.atsbridge.sandbox.greenhouse;

import java.time.Instant;

/** A note on a candidate's activity feed. visibility is admin_only, private or public. */
public record CandidateNote(long id, long candidateId, long userId, String body, String visibility, Instant createdAt) {
}
