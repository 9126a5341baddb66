package io.atsbridge.platform.testing.archfixture.clean.persistence;

import io.atsbridge.platform.testing.archfixture.clean.domain.Candidate;
import io.atsbridge.platform.testing.archfixture.clean.domain.CandidateStore;

import java.util.Map;
import java.util.Optional;

/** The domain's store over rows: persistence depends on domain, not the other way round. */
public final class RowCandidateStore implements CandidateStore {

    private final Map<String, CandidateRow> rows;

    public RowCandidateStore(Map<String, CandidateRow> rows) {
        this.rows = Map.copyOf(rows);
    }

    @Override
    public Optional<Candidate> find(String id) {
        return Optional.ofNullable(rows.get(id)).map(row -> new Candidate(row.id(), row.email()));
    }
}
