package io.atsbridge.adapter.sync;

import io.atsbridge.connectors.MalformedPayloadException;
import io.atsbridge.connectors.VendorCallException;
import io.atsbridge.platform.error.DomainException;
import io.atsbridge.platform.error.ErrorCode;
import io.atsbridge.platform.startup.MissingConfigurationException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

import java.util.List;
import java.util.Set;

/** Decides whether a failure may pass when the step is simply tried again later. */
final class Failures {

    /** gRPC codes that say the request itself is wrong or not allowed: trying again cannot help. */
    private static final Set<Status.Code> PERMANENT_CODES = Set.of(Status.Code.INVALID_ARGUMENT, Status.Code.NOT_FOUND,
            Status.Code.ALREADY_EXISTS, Status.Code.FAILED_PRECONDITION, Status.Code.PERMISSION_DENIED,
            Status.Code.UNAUTHENTICATED, Status.Code.OUT_OF_RANGE, Status.Code.UNIMPLEMENTED);

    private Failures() {
    }

    /** The failure as a {@link SyncFailure}, saying which step failed. */
    static SyncFailure classify(String step, Throwable e) {
        if (e instanceof SyncFailure failure) {
            return failure;
        }
        if (e instanceof VendorCallException vendor) {
            return new SyncFailure(step + ": " + vendor.getMessage(), vendor.retryable(), vendor.retryAfter().orElse(null),
                    List.of(), e);
        }
        if (e instanceof StatusRuntimeException status) {
            Status.Code code = status.getStatus().getCode();
            String description = status.getStatus().getDescription() == null ? "" : ": " + status.getStatus().getDescription();
            return new SyncFailure(step + " failed with " + code + description, !PERMANENT_CODES.contains(code), null,
                    List.of(), e);
        }
        if (e instanceof MalformedPayloadException || e instanceof MissingConfigurationException
                || e instanceof UnsupportedOperationException
                || e instanceof IllegalArgumentException || e instanceof IllegalStateException) {
            return new SyncFailure(step + ": " + e.getMessage(), false, null, List.of(), e);
        }
        if (e instanceof DomainException domain) {
            boolean retryable = domain.code() == ErrorCode.UNAVAILABLE || domain.code() == ErrorCode.ABORTED
                    || domain.code() == ErrorCode.RESOURCE_EXHAUSTED;
            return new SyncFailure(step + ": " + domain.getMessage(), retryable, null, List.of(), e);
        }
        // Database hiccups and anything unforeseen: another attempt may pass; attempts are bounded.
        return new SyncFailure(step + ": " + e, true, null, List.of(), e);
    }
}
