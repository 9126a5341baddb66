package io.atsbridge.adapter.engine.sync;

import io.atsbridge.connectors.MalformedPayloadException;
import io.atsbridge.connectors.VendorCallException;
import io.atsbridge.platform.error.DomainException;
import io.atsbridge.platform.error.ErrorCode;
import io.atsbridge.platform.startup.MissingConfigurationException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micronaut.data.exceptions.DataAccessException;

import java.util.Set;

/**
 * Turns what a step's work threw into the {@link SyncFailure} the engine acts on, saying which step failed.
 * Only exceptions whose meaning is known are classified, never a JDK type standing in for one:
 * <ul>
 *   <li>a {@link SyncFailure} a step threw is kept as it is;</li>
 *   <li>{@link VendorCallException}: the connector's verdict decides — it knows answers the HTTP status alone
 *       does not tell (Ashby's {@code success: false} on a 200, a refusal made before any call) — so a
 *       retryable one (5xx, 408, 429, time-out, no answer) is {@link TransientFailure} and any other
 *       {@link PermanentFailure}, {@link FailureReason#VENDOR_ACCESS_REFUSED} for a 401 or 403, else
 *       {@link FailureReason#VENDOR_REFUSED};</li>
 *   <li>{@link MalformedPayloadException}: permanent, {@link FailureReason#MALFORMED_PAYLOAD};</li>
 *   <li>{@link MissingConfigurationException}: permanent, {@link FailureReason#MISSING_CONFIGURATION};</li>
 *   <li>a peer's {@link StatusRuntimeException}: permanent {@link FailureReason#REQUEST_REFUSED} for the codes
 *       that say the request itself is wrong or not allowed, else transient (UNAVAILABLE, DEADLINE_EXCEEDED ...);</li>
 *   <li>{@link DomainException}: transient for UNAVAILABLE, ABORTED and RESOURCE_EXHAUSTED, else permanent
 *       {@link FailureReason#REQUEST_REFUSED};</li>
 *   <li>the database's {@link DataAccessException}: transient (every step can be repeated);</li>
 *   <li>anything else — a NullPointerException, an IllegalStateException — is a defect:
 *       {@link UnexpectedFailure}, retried like a transient failure and a dead letter
 *       {@link FailureReason#UNEXPECTED} naming its type after the last attempt.</li>
 * </ul>
 * Call sites that know more say so themselves, by throwing the failure they know: the write-back, for instance,
 * takes the UnsupportedOperationException the connector contract documents for fields an ATS cannot take as
 * {@link FailureReason#UNSUPPORTED}, where it calls the connector.
 */
final class Failures {

    /** gRPC codes that say the request itself is wrong or not allowed: trying again cannot help. */
    private static final Set<Status.Code> PERMANENT_CODES = Set.of(Status.Code.INVALID_ARGUMENT, Status.Code.NOT_FOUND,
            Status.Code.ALREADY_EXISTS, Status.Code.FAILED_PRECONDITION, Status.Code.PERMISSION_DENIED,
            Status.Code.UNAUTHENTICATED, Status.Code.OUT_OF_RANGE, Status.Code.UNIMPLEMENTED);
    /** Domain codes that say the same request may pass later. */
    private static final Set<ErrorCode> PASSING_CODES = Set.of(ErrorCode.UNAVAILABLE, ErrorCode.ABORTED,
            ErrorCode.RESOURCE_EXHAUSTED);

    private Failures() {
    }

    /** The failure as a {@link SyncFailure}, saying which step failed. */
    static SyncFailure classify(String step, Throwable e) {
        if (e instanceof SyncFailure failure) {
            return failure;
        }
        if (e instanceof VendorCallException vendor) {
            return vendor(step + ": " + vendor.getMessage(), vendor);
        }
        if (e instanceof MalformedPayloadException) {
            return new PermanentFailure(FailureReason.MALFORMED_PAYLOAD, step + ": " + e.getMessage(), e);
        }
        if (e instanceof MissingConfigurationException) {
            return new PermanentFailure(FailureReason.MISSING_CONFIGURATION, step + ": " + e.getMessage(), e);
        }
        if (e instanceof StatusRuntimeException status) {
            Status.Code code = status.getStatus().getCode();
            String description = status.getStatus().getDescription() == null ? "" : ": " + status.getStatus().getDescription();
            String message = step + " failed with " + code + description;
            return PERMANENT_CODES.contains(code) ? new PermanentFailure(FailureReason.REQUEST_REFUSED, message, e)
                    : new TransientFailure(message, e);
        }
        if (e instanceof DomainException domain) {
            String message = step + ": " + domain.getMessage();
            return PASSING_CODES.contains(domain.code()) ? new TransientFailure(message, e)
                    : new PermanentFailure(FailureReason.REQUEST_REFUSED, message, e);
        }
        if (e instanceof DataAccessException) {
            // The database was unreachable, or rolled the transaction back: another attempt may pass.
            return new TransientFailure(step + ": " + e, e);
        }
        return UnexpectedFailure.of(step, e);
    }

    /** A vendor call's failure, by the connector's verdict (see the class comment); {@code message} says what failed. */
    static SyncFailure vendor(String message, VendorCallException vendor) {
        if (vendor.retryable()) {
            return TransientFailure.of(message, vendor);
        }
        FailureReason reason = vendor.status() == 401 || vendor.status() == 403 ? FailureReason.VENDOR_ACCESS_REFUSED
                : FailureReason.VENDOR_REFUSED;
        return new PermanentFailure(reason, message, vendor);
    }
}
