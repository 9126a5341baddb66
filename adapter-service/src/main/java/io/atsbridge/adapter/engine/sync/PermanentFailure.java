package io.atsbridge.adapter.engine.sync;

import io.atsbridge.adapter.engine.domain.AuditEntry;
import io.micronaut.core.annotation.Nullable;

import java.util.List;

/**
 * A failure that will not pass until someone changes something (a credential, a field at the ATS, the
 * vendor's data): the event becomes a dead letter at once, with the {@link FailureReason} (see
 * {@link SyncFailure}). Its message says what failed and what to change.
 */
final class PermanentFailure extends SyncFailure {

    private final FailureReason reason;

    PermanentFailure(FailureReason reason, String message) {
        this(reason, message, List.of(), null);
    }

    PermanentFailure(FailureReason reason, String message, @Nullable Throwable cause) {
        this(reason, message, List.of(), cause);
    }

    private PermanentFailure(FailureReason reason, String message, List<AuditEntry> audit, @Nullable Throwable cause) {
        super(message, audit, cause);
        if (reason == FailureReason.RETRIES_EXHAUSTED || reason == FailureReason.UNEXPECTED) {
            throw new IllegalArgumentException("reason: " + reason + " (expected: a reason a failure has on first sight; "
                    + reason + " is for failures that were retried)");
        }
        this.reason = reason;
    }

    @Override
    PermanentFailure withAudit(List<AuditEntry> records) {
        return new PermanentFailure(reason, getMessage(), records, getCause());
    }

    @Override
    boolean retryable() {
        return false;
    }

    @Override
    FailureReason reason() {
        return reason;
    }
}
