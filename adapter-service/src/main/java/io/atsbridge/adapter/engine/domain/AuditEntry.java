package io.atsbridge.adapter.engine.domain;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One audit record the adapter produces, as it waits in the outbox for audit-service. Attributes are
 * ids, codes and versions, never personal data.
 *
 * @param recordId      deterministic, so that every retry of the same step is a duplicate
 * @param subjectRef    the canonical application id; empty when the step has none yet
 * @param payloadSha256 the SHA-256 of the raw body the step acted on, or empty
 */
public record AuditEntry(
        String tenantId,
        String recordId,
        String traceId,
        String action,
        String subjectRef,
        String connectionId,
        Map<String, String> attributes,
        byte[] payloadSha256,
        Instant occurTime) {

    public AuditEntry {
        Objects.requireNonNull(recordId, "recordId");
        attributes = Map.copyOf(attributes);
        payloadSha256 = payloadSha256.clone();
    }

    @Override
    public byte[] payloadSha256() {
        return payloadSha256.clone();
    }
}
