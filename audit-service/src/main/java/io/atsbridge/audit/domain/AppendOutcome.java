package io.atsbridge.audit.domain;

import java.util.List;

/** The outcome of one append: one result per record, in request order, and the log's head after it. */
public record AppendOutcome(List<RecordOutcome> results, TreeHead treeHead) {

    public AppendOutcome {
        results = List.copyOf(results);
    }
}
