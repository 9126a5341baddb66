package io.atsbridge.platform.testing.archfixture.clean.grpc;

import io.atsbridge.platform.testing.archfixture.clean.domain.Candidate;
import io.atsbridge.platform.testing.archfixture.clean.domain.Candidates;
import io.atsbridge.proto.common.v1.ExternalRef;

/** grpc as it should be: proto in, domain call, proto out. */
public final class CandidateTranslator {

    private final Candidates candidates;

    public CandidateTranslator(Candidates candidates) {
        this.candidates = candidates;
    }

    public ExternalRef reference(ExternalRef request) {
        Candidate candidate = candidates.get(request.getId());
        return ExternalRef.newBuilder().setId(candidate.id()).build();
    }
}
