package io.atsbridge.adapter.engine.sync;

import io.atsbridge.adapter.engine.domain.AuditEntry;
import io.atsbridge.connectors.VendorCallException;
import io.micronaut.core.annotation.Nullable;

import java.time.Duration;
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

    TransientFailure(String message) {
        this(message, null, false, List.of(), null);
    }

    TransientFailure(String message, @Nullable Throwable cause) {
        this(message, null, false, List.of(), cause);
    }

    private TransientFailure(String message, @Nullable Duration retryAfter, boolean deferred, List<AuditEntry> audit,
                             @Nullable Throwable cause) {
        super(message, audit, cause);
        this.retryAfter = retryAfter;
        this.deferred = deferred;
    }

    /** A vendor call that may pass later, waiting what the vendor asked for; deferred when its connection held it back. */
    static TransientFailure of(String message, VendorCallException vendor) {
        return new TransientFailure(message, vendor.retryAfter().orElse(null), vendor.deferred(), List.of(), vendor);
    }

    @Override
    TransientFailure withAudit(List<AuditEntry> records) {
        return new TransientFailure(getMessage(), retryAfter, deferred, records, getCause());
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
}
