package io.atsbridge.platform.testing.archfixture.clean.domain;

/** A domain value. */
public record Candidate(String id, String email) {
}
