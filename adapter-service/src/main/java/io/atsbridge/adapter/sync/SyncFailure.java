package io.atsbridge.adapter.sync;

import io.atsbridge.adapter.domain.AuditEntry;
import io.micronaut.core.annotation.Nullable;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A step of the loop that failed. Retryable failures put the event back with a backoff; permanent
 * ones (or the last attempt) end it as FAILED, storing {@link #audit()} with the outcome.
 */
final class SyncFailure extends RuntimeException {

    private final boolean retryable;
    @Nullable
    private final Duration retryAfter;
    private final List<AuditEntry> audit;

    SyncFailure(String message, boolean retryable, @Nullable Duration retryAfter, List<AuditEntry> audit,
                @Nullable Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
        this.retryAfter = retryAfter;
        this.audit = List.copyOf(audit);
    }

    static SyncFailure permanent(String message) {
        return new SyncFailure(message, false, null, List.of(), null);
    }

    static SyncFailure retryable(String message) {
        return new SyncFailure(message, true, null, List.of(), null);
    }

    /** This failure with audit records to store when it ends the event. */
    SyncFailure withAudit(List<AuditEntry> records) {
        return new SyncFailure(getMessage(), retryable, retryAfter, records, getCause());
    }

    boolean retryable() {
        return retryable;
    }

    Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    List<AuditEntry> audit() {
        return audit;
    }

    /**
     * Whether the vendor's connection held the call back (circuit open, rate limit) rather than the work
     * failing: the event waits without using up an attempt.
     */
    boolean deferred() {
        for (Throwable t = getCause(); t != null && t != t.getCause(); t = t.getCause()) {
            if (t instanceof io.atsbridge.connectors.VendorCallException vendor) {
                return vendor.deferred();
            }
        }
        return false;
    }

    /** Whether this failure ends the case: it is permanent, or it happened on the event's last attempt and was not deferred. */
    boolean endsCase(boolean lastAttempt) {
        return !retryable || (lastAttempt && !deferred());
    }
}
