package io.atsbridge.sandbox.ashby;

import java.time.Instant;

/**
 * A note on a candidate.
 *
 * @param contentType {@code text/plain} or {@code text/html}
 * @param authorId    the user the note is attributed to (the API key's user for notes created through the API)
 */
public record AshbyNote(String id, String candidateId, String content, String contentType, boolean isPrivate,
                        boolean sendNotifications, String authorId, Instant createdAt) {

    @Override
    public String toString() {
        return "AshbyNote[" + id + ", candidate " + candidateId + ", " + contentType + ", private=" + isPrivate
                + ", " + content.length() + " characters]";
    }
}
