package io.atsbridge.audit.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;

import java.time.Instant;

/**
 * One appended record. {@code sequence} is its 0-based leaf index in the tenant's log;
 * {@code attributes} is a JSON object with keys in ascending order; {@code subject_ref},
 * {@code connection_id} and {@code payload_sha256} are empty when the producer gave none.
 * Rows are only ever inserted. Times are UTC, see {@link UtcDateTimeText}. {@code candidate_ref},
 * {@code application_ref} and {@code requisition_ref} index the references in the attributes
 * ({@link io.atsbridge.audit.domain.RecordReferences}); empty when none.
 */
@MappedEntity("audit_record")
record AuditRecordRow(
        @Id @GeneratedValue @Nullable Long id,
        String tenantId,
        long sequence,
        String recordId,
        String traceId,
        String action,
        String actor,
        String subjectRef,
        String connectionId,
        String attributes,
        byte[] payloadSha256,
        @MappedProperty(converter = UtcDateTimeText.class) Instant occurTime,
        byte[] leafHash,
        @MappedProperty(converter = UtcDateTimeText.class) Instant appendTime,
        String candidateRef,
        String applicationRef,
        String requisitionRef) {
}
