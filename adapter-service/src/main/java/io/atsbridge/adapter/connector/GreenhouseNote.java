package io.atsbridge.adapter.connector;

/**
 * A note on a candidate's Greenhouse activity feed.
 *
 * @param userId     the Greenhouse user the note is attributed to; empty when the feed does not say
 * @param visibility {@code admin_only}, {@code private} or {@code public}
 */
public record GreenhouseNote(String id, String body, String userId, String visibility, String createdAt) {

    @Override
    public String toString() {
        return "GreenhouseNote[" + id + ", " + visibility + ", " + body.length() + " characters]";
    }
}
