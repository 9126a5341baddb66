package io.atsbridge.platform.testing.archfixture.leaky.persistence;

import io.atsbridge.platform.testing.archfixture.leaky.grpc.CandidateGrpcService;

/** Persistence that knows the wire: it reads the candidate id out of the grpc layer. */
public final class CandidateRowWriter {

    public CandidateRow write(CandidateGrpcService service, String email) {
        return new CandidateRow(service.lastCandidateId(), email);
    }
}
