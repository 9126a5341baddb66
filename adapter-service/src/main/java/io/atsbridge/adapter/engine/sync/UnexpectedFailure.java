package io.atsbridge.adapter.engine.sync;

import io.atsbridge.adapter.engine.domain.AuditEntry;

import java.util.List;
import java.util.Objects;

/**
 * An exception nothing classifies as transient or permanent — a NullPointerException, an
 * IllegalStateException, a defect in atsbridge. Retried with backoff like a transient failure, and on the
 * last attempt a dead letter {@link FailureReason#UNEXPECTED} whose text names the exception type (see
 * {@link SyncFailure} for why it is neither retried forever nor dead-lettered on first sight).
 */
final class UnexpectedFailure extends SyncFailure {

    private UnexpectedFailure(String message, List<AuditEntry> audit, Throwable cause) {
        super(message, audit, cause);
    }

    /** The failure of {@code step}: its message names the exception's type and message. */
    static UnexpectedFailure of(String step, Throwable cause) {
        return new UnexpectedFailure(step + ": " + cause, List.of(), cause);
    }

    /** The type of the exception nothing classified. */
    String exceptionType() {
        return cause().getClass().getName();
    }

    @Override
    UnexpectedFailure withAudit(List<AuditEntry> records) {
        return new UnexpectedFailure(getMessage(), records, cause());
    }

    private Throwable cause() {
        return Objects.requireNonNull(getCause(), "an UnexpectedFailure is made with the exception nothing classified");
    }

    @Override
    boolean retryable() {
        return true;
    }

    @Override
    FailureReason reason() {
        return FailureReason.UNEXPECTED;
    }
}
