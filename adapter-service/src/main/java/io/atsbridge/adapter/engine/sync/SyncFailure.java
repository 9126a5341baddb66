package io.atsbridge.adapter.engine.sync;

import io.atsbridge.adapter.engine.domain.AuditEntry;
import io.micronaut.core.annotation.Nullable;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A step of the loop that failed, as the engine acts on it. There are three kinds, and the kind, not the
 * type of the exception underneath, decides what happens to the inbox event:
 * <ul>
 *   <li>{@link TransientFailure}: may pass when tried again (a vendor 5xx, 408, 429 or time-out, a peer
 *       UNAVAILABLE, a database hiccup, a case another event is writing). The event is put back with an
 *       exponential, jittered backoff, and becomes a dead letter ({@link FailureReason#RETRIES_EXHAUSTED})
 *       when it fails on its last attempt.</li>
 *   <li>{@link PermanentFailure}: will not pass until someone changes something (a vendor 4xx refusal, a
 *       malformed body, missing configuration). The event becomes a dead letter at once, with the failure's
 *       {@link FailureReason}.</li>
 *   <li>{@link UnexpectedFailure}: an exception nothing classifies, a defect in atsbridge. It is tried again
 *       like a transient failure, because a defect may hide in a race that passes and a dead letter on first
 *       sight would make an operator replay by hand what a retry fixes; but it is never tried forever: on
 *       the last attempt it becomes a dead letter {@link FailureReason#UNEXPECTED} naming the exception type.</li>
 * </ul>
 * A failure that ends the event (see {@link #endsCase}) stores {@link #audit()} with the outcome.
 */
abstract sealed class SyncFailure extends RuntimeException permits TransientFailure, PermanentFailure, UnexpectedFailure {

    private final List<AuditEntry> audit;

    SyncFailure(String message, List<AuditEntry> audit, @Nullable Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.audit = List.copyOf(audit);
    }

    /** What failed, for people; every failure is made with one, so never null. */
    @Override
    public String getMessage() {
        return Objects.requireNonNull(super.getMessage(), "the constructor requires a message");
    }

    /** This failure with audit records to store when it ends the event. */
    abstract SyncFailure withAudit(List<AuditEntry> records);

    /** Whether the event is tried again (unless this was its last attempt). */
    abstract boolean retryable();

    /** The dead letter's reason when this failure ends the event. */
    abstract FailureReason reason();

    /** How long the vendor asked to wait before the next attempt, when it said. */
    Optional<Duration> retryAfter() {
        return Optional.empty();
    }

    /**
     * Whether the vendor's connection held the call back (circuit open, rate limit) rather than the work
     * failing: the event waits without using up an attempt.
     */
    boolean deferred() {
        return false;
    }

    /**
     * For a deferred failure, the moment the event is tried again, exactly (no backoff, no jitter): a write-back held
     * until a notice period has passed. Its {@link #audit()} is stored when the event is put back.
     */
    Optional<Instant> notBefore() {
        return Optional.empty();
    }

    List<AuditEntry> audit() {
        return audit;
    }

    /** Whether this failure ends the case: it is permanent, or it happened on the event's last attempt and was not deferred. */
    boolean endsCase(boolean lastAttempt) {
        return !retryable() || (lastAttempt && !deferred());
    }
}
