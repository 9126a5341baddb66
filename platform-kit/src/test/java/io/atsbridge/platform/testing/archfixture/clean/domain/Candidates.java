package io.atsbridge.platform.testing.archfixture.clean.domain;

/** Domain logic over the store it is given. */
public final class Candidates {

    private final CandidateStore store;

    public Candidates(CandidateStore store) {
        this.store = store;
    }

    public Candidate get(String id) {
        return store.find(id).orElseThrow(() -> new IllegalArgumentException("candidate " + id + " not found"));
    }
}
