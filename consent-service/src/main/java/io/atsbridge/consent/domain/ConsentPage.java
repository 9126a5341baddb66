package io.atsbridge.consent.domain;

import java.util.List;

/** One page of a candidate's ledger, oldest first, with the token of the next page (empty on the last). */
public record ConsentPage(List<LedgerEntry> entries, String nextPageToken) {

    public ConsentPage {
        entries = List.copyOf(entries);
    }
}
