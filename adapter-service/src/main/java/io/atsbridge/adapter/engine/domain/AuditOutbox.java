package io.atsbridge.adapter.engine.domain;

import java.time.Instant;
import java.util.List;

/**
 * Audit records stored with the state changes they describe and relayed to audit-service afterwards,
 * at least once and in the order they were stored. Storing a record whose id is already stored for
 * the tenant changes nothing.
 */
public interface AuditOutbox {

    /** Up to {@code limit} records not yet relayed, oldest first. */
    List<AuditEntry> unsent(int limit);

    /** Marks records as relayed. */
    void markSent(List<AuditEntry> entries, Instant now);

    /** Marks a record audit-service refused for good, so that it no longer holds up the others. */
    void markRefused(AuditEntry entry, String error, Instant now);

    /** How many records wait to be relayed; for one tenant, or all when {@code tenantId} is null. */
    long unsentCount(@io.micronaut.core.annotation.Nullable String tenantId);
}
