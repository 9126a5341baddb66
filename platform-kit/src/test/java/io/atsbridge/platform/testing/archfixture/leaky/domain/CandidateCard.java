package io.atsbridge.platform.testing.archfixture.leaky.domain;

import io.atsbridge.proto.common.v1.ExternalRef;

/** Domain logic that speaks the contract: it builds a generated proto message itself. */
public final class CandidateCard {

    public ExternalRef reference(String id) {
        return ExternalRef.newBuilder().setId(id).build();
    }
}
