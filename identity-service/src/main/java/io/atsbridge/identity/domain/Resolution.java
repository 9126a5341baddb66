package io.atsbridge.identity.domain;

import io.micronaut.core.annotation.Nullable;

/** What a set of external ids resolved to, and whether this resolution created it. */
public record Resolution(
        Candidate candidate,
        boolean candidateCreated,
        @Nullable Application application,
        boolean applicationCreated) {
}
