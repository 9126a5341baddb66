package io.atsbridge.platform.testing.archfixture.leaky.grpc;

import io.atsbridge.platform.testing.archfixture.leaky.persistence.CandidateRow;

/** A grpc layer that reads a persistence row itself instead of asking the domain. */
public final class CandidateGrpcService {

    private final CandidateRow last = new CandidateRow("c-1", "candidate@example.com");

    public String lastCandidateId() {
        return last.id();
    }
}
