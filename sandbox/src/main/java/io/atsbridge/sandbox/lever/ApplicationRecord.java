package io.atsbridge.sandbox.lever;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;

/**
 * An application of an opportunity: to a posting, or without one for a sourced candidate.
 *
 * @param type Lever's application type: {@code posting} (applied to a posting) or {@code user} (added by a user)
 */
record ApplicationRecord(String id, String opportunityId, @Nullable String postingId, String type, Instant createdAt) {
}
