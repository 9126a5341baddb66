package io.atsbridge.platform.testing.archfixture.leaky.persistence;

/** A stored row; the leaky domain and grpc use it directly. */
public record CandidateRow(String id, String email) {
}
