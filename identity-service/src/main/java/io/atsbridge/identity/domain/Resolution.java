package io.atsbridge.identity.domain;

import io.atsbridge.identity.persistence.ApplicationRow;
import io.atsbridge.identity.persistence.CandidateRow;
import io.micronaut.core.annotation.Nullable;

/** What a set of external ids resolved to, and whether this resolution created it. */
public record Resolution(
        CandidateRow candidate,
        boolean candidateCreated,
        @Nullable ApplicationRow application,
        boolean applicationCreated) {
}
