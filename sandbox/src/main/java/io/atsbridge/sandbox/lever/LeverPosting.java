package io.atsbridge.sandbox.lever;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;

/**
 * A job posting.
 *
 * @param text     the posting's title
 * @param team     {@code categories.team}; null when not set
 * @param location     {@code categories.location}; null when not set
 * @param confidential a confidential posting (Lever's confidential hiring): it and the opportunities applying to it
 *                     are visible only to API keys granted access to confidential data
 * @param ownerId      the user who created and owns it ({@code user}, {@code owner}, {@code hiringManager})
 * @param createdAt    when it was created ({@code createdAt}, {@code updatedAt}: postings are not edited here)
 */
public record LeverPosting(String id, String text, @Nullable String team, @Nullable String location, boolean confidential,
                           String ownerId, Instant createdAt) {
}
