package io.atsbridge.sandbox.lever;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;

/**
 * A note on an opportunity.
 *
 * @param value  the note's text (its single {@code note} field)
 * @param userId the author: the {@code perform_as} user, or the API key's user
 * @param secret whether only users with sensitive-information privileges see it
 * @param score  1..4 (strong no .. strong yes), or null
 */
public record LeverNote(String id, String value, String userId, boolean secret, @Nullable Integer score, Instant createdAt) {

    @Override
    public String toString() {
        return "LeverNote[" + id + ", secret=" + secret + ", " + value.length() + " characters]";
    }
}
