package io.atsbridge.adapter.engine.sync;

import io.atsbridge.adapter.engine.domain.AuditEntry;
import io.atsbridge.connectors.VendorCallException;
import io.micronaut.core.annotation.Nullable;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A failure that may pass when the step is tried again later: retried with backoff up to the worker's
 * attempts, then a dead letter {@link FailureReason#RETRIES_EXHAUSTED} (see {@link SyncFailure}).
 */
final class TransientFailure extends SyncFailure {

    @Nullable
    private final Duration retryAfter;
    private final boolean deferred;
    @Nullable
    private final Instant notBefore;

    TransientFailure(String message) {
        this(message, null, false, List.of(), null, null);
    }

    TransientFailure(String message, @Nullable Throwable cause) {
        this(message, null, false, List.of(), cause, null);
    }

    private TransientFailure(String message, @Nullable Duration retryAfter, boolean deferred, List<AuditEntry> audit,
                             @Nullable Throwable cause, @Nullable Instant notBefore) {
        super(message, audit, cause);
        this.retryAfter = retryAfter;
        this.deferred = deferred;
        this.notBefore = notBefore;
    }

    /**
     * Work that may not happen before a moment and will be allowed then (a notice period running): the event waits
     * until exactly then without using an attempt, and the audit records are stored as it is put back.
     */
    static TransientFailure heldUntil(String message, Instant notBefore, List<AuditEntry> audit) {
        return new TransientFailure(message, null, true, audit, null, notBefore);
    }

    /** A vendor call that may pass later, waiting what the vendor asked for; deferred when its connection held it back. */
    static TransientFailure of(String message, VendorCallException vendor) {
        return new TransientFailure(message, vendor.retryAfter().orElse(null), vendor.deferred(), List.of(), vendor, null);
    }

    @Override
    TransientFailure withAudit(List<AuditEntry> records) {
        return new TransientFailure(getMessage(), retryAfter, deferred, records, getCause(), notBefore);
    }

    @Override
    boolean retryable() {
        return true;
    }

    @Override
    FailureReason reason() {
        return FailureReason.RETRIES_EXHAUSTED;
    }

    @Override
    Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    @Override
    boolean deferred() {
        return deferred;
    }

    @Override
    Optional<Instant> notBefore() {
        return Optional.ofNullable(notBefore);
    }
}
