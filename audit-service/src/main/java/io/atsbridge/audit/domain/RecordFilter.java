package io.atsbridge.audit.domain;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;

/**
 * Which records a query keeps; a record must match every filter given. Empty strings and nulls
 * match everything.
 *
 * @param traceId    keeps the records of one trace
 * @param subjectRef keeps the records about one canonical record
 * @param action     keeps the records of one action
 * @param startTime  keeps records with occur_time at or after it
 * @param endTime    keeps records with occur_time before it
 */
public record RecordFilter(String traceId, String subjectRef, String action,
                           @Nullable Instant startTime, @Nullable Instant endTime) {

    /** The filter that keeps every record. */
    public static final RecordFilter ALL = new RecordFilter("", "", "", null, null);
}
