package io.atsbridge.platform.testing.archfixture.clean.persistence;

/** A stored row. */
public record CandidateRow(String id, String email) {
}
