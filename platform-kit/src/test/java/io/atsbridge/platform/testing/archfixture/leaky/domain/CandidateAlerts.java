package io.atsbridge.platform.testing.archfixture.leaky.domain;

import io.atsbridge.platform.testing.archfixture.leaky.grpc.CandidateGrpcService;

/** Domain logic that calls back into the grpc layer. */
public final class CandidateAlerts {

    public String lastSeen(CandidateGrpcService service) {
        return service.lastCandidateId();
    }
}
