package io.atsbridge.audit.bias.domain;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.time.LocalDate;

/**
 * An independent bias audit on record.
 *
 * @param auditId          the caller's id of the audit
 * @param tool             the audited tool
 * @param auditDate        the date of the audit
 * @param summaryUrl       where its summary is published
 * @param distributionDate the date the employer began using the tool
 * @param reportId         the report it is based on; may be empty
 * @param recordTime       when it was recorded; null before it is stored
 */
public record RecordedAudit(String auditId, Tool tool, LocalDate auditDate, String summaryUrl,
                            LocalDate distributionDate, String reportId, @Nullable Instant recordTime) {

    /**
     * The last day the tool may be used in New York City on this audit: LL144 forbids use once more than one year has
     * passed since the most recent bias audit (NYC Admin. Code 20-871(a)(1), 6 RCNY 5-301(a)).
     */
    public LocalDate useUntil() {
        return auditDate.plusYears(1);
    }
}
