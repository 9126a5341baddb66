package io.atsbridge.audit.domain;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;

/**
 * Which records a query keeps; a record must match every filter given. Empty strings and nulls
 * match everything.
 *
 * @param traceId       keeps the records of one trace
 * @param subjectRef    keeps the records about one canonical record
 * @param action        keeps the records of one action
 * @param startTime     keeps records with occur_time at or after it
 * @param endTime       keeps records with occur_time before it
 * @param candidateId   keeps the records about one candidate: its subject_ref, or its attribute candidate_id
 * @param applicationId keeps the records about one application: its subject_ref, or its attribute application_id
 * @param requisitionId keeps the records whose attribute requisition_id is this
 * @param actor         keeps the records of one actor
 */
public record RecordFilter(String traceId, String subjectRef, String action,
                           @Nullable Instant startTime, @Nullable Instant endTime,
                           String candidateId, String applicationId, String requisitionId, String actor) {

    /** The filter that keeps every record. */
    public static final RecordFilter ALL = new RecordFilter("", "", "", null, null, "", "", "", "");

    /** This filter with the time range replaced. */
    RecordFilter withTimes(@Nullable Instant start, @Nullable Instant end) {
        return new RecordFilter(traceId, subjectRef, action, start, end, candidateId, applicationId, requisitionId, actor);
    }
}
