package io.atsbridge.audit.bias.domain;

import java.time.LocalDate;

/**
 * An auditor's historical data as aggregate counts.
 *
 * @param uploadId    the caller's id of the upload
 * @param tool        the tool the counts are about
 * @param jobCategory the category of job; may be empty
 * @param kind        whether positives are selections or scores above the median
 * @param periodStart the first day covered
 * @param periodEnd   the last day covered
 * @param dataSource  where the data comes from, for the published summary
 * @param csv         the counts as uploaded ({@link AggregateCsv})
 */
public record AggregateUpload(String uploadId, Tool tool, String jobCategory, RateKind kind, LocalDate periodStart,
                              LocalDate periodEnd, String dataSource, String csv) {
}
