package io.atsbridge.audit.bias.domain;

import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * The summary of results an employer publishes before using a tool (6 RCNY 5-303(a), (b)): the date of the most recent
 * bias audit, the source and explanation of the data, the number of individuals in the unknown category, the number of
 * applicants, rates and impact ratios for all categories, and the tool's distribution date.
 *
 * @param auditDate        the date of the most recent bias audit of the tool, YYYY-MM-DD; empty when none is recorded
 * @param distributionDate the date the employer began using the tool, YYYY-MM-DD; empty when no audit is recorded
 * @param tool             the tool
 * @param dataSource       the source and explanation of the data
 * @param periodStart      the first day of the data, YYYY-MM-DD
 * @param periodEnd        the last day of the data, YYYY-MM-DD
 * @param rateKind         SELECTION or SCORING
 * @param unknownCount     individuals with an unknown sex or race/ethnicity category, not in the tables
 * @param tables           every category's applicants, rate and impact ratio, with exclusions justified
 * @param reportId         the report the summary was rendered from
 */
@Serdeable
public record PublishedSummary(String auditDate, String distributionDate, Tool tool, String dataSource,
                               String periodStart, String periodEnd, RateKind rateKind, long unknownCount,
                               List<BiasReport.Table> tables, String reportId) {
}
