package io.atsbridge.connectors;

/**
 * A note on the ATS record (Greenhouse candidate activity feed, Lever opportunity, Ashby candidate).
 *
 * @param userId     the ATS user the note is attributed to; empty when the ATS does not say
 * @param visibility the ATS's own visibility name ({@code admin_only}, {@code private}, {@code public},
 *                   Lever {@code secret}); empty when the ATS has none
 */
public record AtsNote(String id, String body, String userId, String visibility, String createdAt) {

    @Override
    public String toString() {
        return "AtsNote[" + id + ", " + visibility + ", " + body.length() + " characters]";
    }
}
