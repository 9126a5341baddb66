package io.atsbridge.audit.bias.domain;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;

/**
 * What a report is about.
 *
 * @param tool         the tool; model and version filter when not empty
 * @param jobCategory  one category of job; empty for every one
 * @param kind         selection or scoring
 * @param start        outcomes assessed at or after it (recorded outcomes)
 * @param end          outcomes assessed before it (recorded outcomes)
 * @param uploadId     an aggregate upload to report from instead; empty for recorded outcomes
 * @param excludeSmall whether categories under 2 % are left out of the impact ratios
 */
public record ReportSpec(Tool tool, String jobCategory, RateKind kind, @Nullable Instant start, @Nullable Instant end,
                         String uploadId, boolean excludeSmall) {
}
