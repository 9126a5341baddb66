package io.atsbridge.platform.access;

import io.atsbridge.platform.context.CallContext;
import io.atsbridge.platform.context.Caller;
import io.atsbridge.platform.error.DomainException;
import io.atsbridge.proto.access.v1.AccessServiceGrpc;
import io.atsbridge.proto.access.v1.CallerKind;
import io.atsbridge.proto.access.v1.CheckAccessRequest;
import io.atsbridge.proto.access.v1.CheckAccessResponse;
import io.grpc.stub.StreamObserver;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * {@code atsbridge.access.v1.AccessService} on every atsbridge gRPC service: tells a caller who its
 * credential makes it and which of the roles it asks about it lacks, so that a caller (the edge
 * gateway's readiness, an operator with grpcurl) can prove its credential is accepted before it has
 * real work to do. The authentication interceptor has already refused a missing or unknown token;
 * the call needs no tenant and reads no tenant data.
 */
@Singleton
@Requires(property = "grpc.server.enabled", notEquals = "false")
final class AccessGrpcService extends AccessServiceGrpc.AccessServiceImplBase {

    /** The most roles one request may ask about. */
    static final int MAX_REQUIRED_ROLES = 32;
    /** The longest role name a request may ask about. */
    static final int MAX_ROLE_LENGTH = 64;

    @Override
    public void checkAccess(CheckAccessRequest request, StreamObserver<CheckAccessResponse> observer) {
        DomainException.checkArgument(request.getRequiredRolesCount() <= MAX_REQUIRED_ROLES, "REQUIRED_ROLES_TOO_MANY",
                "required_roles: %s roles (expected: at most %s)", request.getRequiredRolesCount(), MAX_REQUIRED_ROLES);
        Set<String> required = new LinkedHashSet<>();
        for (int i = 0; i < request.getRequiredRolesCount(); i++) {
            String role = request.getRequiredRoles(i);
            DomainException.checkArgument(!role.isBlank() && role.length() <= MAX_ROLE_LENGTH, "REQUIRED_ROLE_INVALID",
                    "required_roles[%s]: %s characters (expected: 1..%s, not blank)", i, role.length(), MAX_ROLE_LENGTH);
            required.add(role);
        }
        Caller caller = CallContext.current().caller();
        CheckAccessResponse.Builder response = CheckAccessResponse.newBuilder()
                .setCallerName(caller.name())
                .setCallerKind(switch (caller.kind()) {
                    case SERVICE -> CallerKind.CALLER_KIND_SERVICE;
                    case PERSON -> CallerKind.CALLER_KIND_PERSON;
                })
                .addAllRoles(caller.roles().stream().sorted().toList())
                .addAllTenants(caller.tenants().stream().sorted().toList());
        required.stream().filter(role -> !caller.hasRole(role)).forEach(response::addMissingRoles);
        observer.onNext(response.build());
        observer.onCompleted();
    }
}
