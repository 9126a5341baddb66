package io.atsbridge.adapter.engine.domain;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;

/**
 * A custom field value atsbridge did not write because a person had changed the field (or set it
 * before atsbridge ever did): an item of the review queue. {@code theirs} and {@code ours} may be
 * personal data: never log them or put them in audit records.
 *
 * @param seq       the queue position (oldest first); 0 before it is stored
 * @param recordId  the ATS record the field is on (candidate or application id, by scope)
 * @param valueKind how {@code ours} is written: {@link #NUMBER}, {@link #TEXT}, {@link #OPTION} or {@link #URL}
 * @param theirs    the ATS's value when the conflict was recorded, as the ATS shows it; null when empty
 * @param ours      the value atsbridge planned, as it would send it
 * @param resolveRequestId the caller's request id of the resolution, so that its retry is answered again
 */
public record WriteConflict(
        String id,
        long seq,
        String tenantId,
        String atsConnectionId,
        String caseId,
        String traceId,
        String scope,
        String recordId,
        String candidateExternalId,
        String applicationExternalId,
        @Nullable String jobExternalId,
        String fieldKey,
        String valueKind,
        @Nullable String theirs,
        String ours,
        Status status,
        Instant createTime,
        Instant updateTime,
        @Nullable Instant resolveTime,
        @Nullable String resolvedBy,
        @Nullable String resolveRequestId) {

    public static final String NUMBER = "NUMBER";
    public static final String TEXT = "TEXT";
    public static final String OPTION = "OPTION";
    public static final String URL = "URL";

    /** Where a conflict stands. */
    public enum Status {
        /** Waiting for an operator. */
        OPEN,
        /** An operator kept the person's value; the field stays theirs. */
        KEPT_THEIRS,
        /** An operator had atsbridge's value written. */
        APPLIED_OURS
    }
}
