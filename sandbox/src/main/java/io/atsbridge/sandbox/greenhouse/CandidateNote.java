package io.atsbridge.sandbox.greenhouse;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;

/**
 * A note on a candidate's activity feed. visibility is admin_only, private or public. applicationId is the
 * application a v3 note was posted on ({@code POST /v3/notes} with {@code application_id}); null for a note on the
 * candidate alone (every v1 note: v1's Add Note is {@code POST /v1/candidates/{id}/activity_feed/notes}).
 */
public record CandidateNote(long id, long candidateId, @Nullable Long applicationId, long userId, String body,
                            String visibility, Instant createdAt) {
}
