package io.atsbridge.platform.error;

import io.atsbridge.platform.startup.ServiceIdentity;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.micronaut.core.order.Ordered;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.UUID;

/**
 * Turns every exception a service method throws into a proper status, in one place: domain
 * exceptions keep their code, reason and message; anything else becomes {@code INTERNAL} with an
 * incident id and nothing else, and is logged with that id so an operator can find it.
 */
@Singleton
final class ErrorMappingInterceptor implements ServerInterceptor, Ordered {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorMappingInterceptor.class);

    private final String domain;

    ErrorMappingInterceptor(ServiceIdentity identity) {
        this.domain = identity.errorDomain();
    }

    @Override
    public int getOrder() {
        // Runs inside authentication, right around the service method.
        return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
            ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        ServerCall.Listener<Q> delegate;
        try {
            delegate = next.startCall(call, headers);
        } catch (RuntimeException e) {
            closeWith(call, e);
            return new ServerCall.Listener<>() {
            };
        }
        return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(delegate) {
            @Override
            public void onMessage(Q message) {
                try {
                    super.onMessage(message);
                } catch (RuntimeException e) {
                    closeWith(call, e);
                }
            }

            @Override
            public void onHalfClose() {
                try {
                    super.onHalfClose();
                } catch (RuntimeException e) {
                    closeWith(call, e);
                }
            }
        };
    }

    private void closeWith(ServerCall<?, ?> call, RuntimeException e) {
        StatusRuntimeException status = toStatus(call.getMethodDescriptor().getFullMethodName(), e);
        Metadata trailers = status.getTrailers() != null ? status.getTrailers() : new Metadata();
        call.close(status.getStatus(), trailers);
    }

    private StatusRuntimeException toStatus(String method, RuntimeException e) {
        if (e instanceof DomainException domainException) {
            return GrpcErrors.toStatusException(domainException, domain);
        }
        if (e instanceof StatusRuntimeException statusException && StatusProto.fromThrowable(e) != null) {
            return statusException;
        }
        String incident = UUID.randomUUID().toString();
        LOG.error("internal error in {} (incident {})", method, incident, e);
        return GrpcErrors.toStatusException(Status.Code.INTERNAL, "INTERNAL",
                "internal error (incident " + incident + "); the service log has the details",
                domain, Map.of("incident", incident));
    }
}
