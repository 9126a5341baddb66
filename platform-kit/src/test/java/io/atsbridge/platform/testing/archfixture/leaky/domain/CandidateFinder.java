package io.atsbridge.platform.testing.archfixture.leaky.domain;

import io.atsbridge.platform.testing.archfixture.leaky.persistence.CandidateRow;

/** Domain logic that hands out a persistence row instead of a domain value. */
public final class CandidateFinder {

    public CandidateRow find(String id) {
        return new CandidateRow(id, "candidate@example.com");
    }
}
