package io.atsbridge.platform.testing.archfixture.clean.domain;

import java.util.Optional;

/** What the domain needs from storage, in its own terms; persistence implements it. */
public interface CandidateStore {

    Optional<Candidate> find(String id);
}
