package io.atsbridge.platform.error;

import com.google.protobuf.Any;
import com.google.rpc.ErrorInfo;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;

import java.util.Map;
import java.util.Optional;

/** The one mapping from atsbridge errors to {@code google.rpc.Status} with {@code ErrorInfo}, and back. */
public final class GrpcErrors {

    private GrpcErrors() {
    }

    /** The gRPC status code for an error code. */
    public static Status.Code toGrpcCode(ErrorCode code) {
        return switch (code) {
            case INVALID_ARGUMENT -> Status.Code.INVALID_ARGUMENT;
            case NOT_FOUND -> Status.Code.NOT_FOUND;
            case ALREADY_EXISTS -> Status.Code.ALREADY_EXISTS;
            case FAILED_PRECONDITION -> Status.Code.FAILED_PRECONDITION;
            case PERMISSION_DENIED -> Status.Code.PERMISSION_DENIED;
            case UNAUTHENTICATED -> Status.Code.UNAUTHENTICATED;
            case RESOURCE_EXHAUSTED -> Status.Code.RESOURCE_EXHAUSTED;
            case ABORTED -> Status.Code.ABORTED;
            case UNAVAILABLE -> Status.Code.UNAVAILABLE;
        };
    }

    /** A status exception carrying {@code google.rpc.Status} with one {@code ErrorInfo}. */
    public static StatusRuntimeException toStatusException(
            Status.Code code, String reason, String message, String domain, Map<String, String> metadata) {
        ErrorInfo info = ErrorInfo.newBuilder().setReason(reason).setDomain(domain).putAllMetadata(metadata).build();
        com.google.rpc.Status status = com.google.rpc.Status.newBuilder()
                .setCode(code.value())
                .setMessage(message)
                .addDetails(Any.pack(info))
                .build();
        return StatusProto.toStatusRuntimeException(status);
    }

    /** The status exception for a domain exception raised in the given error domain. */
    public static StatusRuntimeException toStatusException(DomainException e, String domain) {
        return toStatusException(toGrpcCode(e.code()), e.reason(), e.getMessage(), domain, e.metadata());
    }

    /** The {@code ErrorInfo} a status exception carries, if any (for clients and tests). */
    public static Optional<ErrorInfo> errorInfo(Throwable t) {
        com.google.rpc.Status status = StatusProto.fromThrowable(t);
        if (status == null) {
            return Optional.empty();
        }
        for (Any detail : status.getDetailsList()) {
            if (detail.is(ErrorInfo.class)) {
                try {
                    return Optional.of(detail.unpack(ErrorInfo.class));
                } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }
}
