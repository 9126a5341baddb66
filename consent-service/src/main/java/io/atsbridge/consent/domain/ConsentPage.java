package io.atsbridge.consent.domain;

import io.atsbridge.consent.persistence.ConsentRow;

import java.util.List;

/** One page of a candidate's ledger, oldest first, with the token of the next page (empty on the last). */
public record ConsentPage(List<ConsentRow> entries, String nextPageToken) {

    public ConsentPage {
        entries = List.copyOf(entries);
    }
}
