package io.atsbridge.audit.domain;

import java.util.List;

/** One page of matching records in log order, with the token of the next page (empty on the last). */
public record RecordPage(List<LoggedRecord> records, String nextPageToken) {

    public RecordPage {
        records = List.copyOf(records);
    }
}
