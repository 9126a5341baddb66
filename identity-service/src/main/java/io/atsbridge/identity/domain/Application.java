package io.atsbridge.identity.domain;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;

/**
 * A canonical application: one candidate, one requisition (when known).
 *
 * @param requisitionId the canonical requisition; null when the application was first seen without one
 */
public record Application(
        String id,
        String tenantId,
        String candidateId,
        @Nullable String requisitionId,
        Instant createTime,
        Instant updateTime) {
}
