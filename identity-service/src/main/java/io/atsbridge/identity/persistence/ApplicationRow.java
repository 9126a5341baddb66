package io.atsbridge.identity.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** A canonical application: one candidate, one requisition (when known). */
@MappedEntity("application")
record ApplicationRow(
        @Id String id,
        String tenantId,
        String candidateId,
        @Nullable String requisitionId,
        Instant createTime,
        Instant updateTime) {
}
