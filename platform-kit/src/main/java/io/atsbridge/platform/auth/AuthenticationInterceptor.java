package io.atsbridge.platform.auth;

import io.atsbridge.platform.context.CallContext;
import io.atsbridge.platform.context.CallHeaders;
import io.atsbridge.platform.context.Caller;
import io.atsbridge.platform.error.GrpcErrors;
import io.atsbridge.platform.privacy.PersonalDataReads;
import io.atsbridge.platform.startup.ServiceIdentity;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micronaut.core.order.Ordered;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Authenticates every call and applies its method's {@link MethodPolicy} before any service code runs. Order of
 * checks: credential (UNAUTHENTICATED), the method declares a policy (else PERMISSION_DENIED
 * METHOD_WITHOUT_POLICY: deny by default), tenant present and well-formed unless the method is tenant-free
 * (INVALID_ARGUMENT), caller allowed for the tenant (PERMISSION_DENIED TENANT_NOT_PERMITTED), caller holds one of
 * the method's roles (PERMISSION_DENIED ROLE_REQUIRED). Health checking and reflection stay open so that probes and
 * tools work without a token; they expose no tenant data. A call let through is served under its method's
 * personal-data policy ({@link PersonalDataReads}): fields marked personal only for the roles that see them, reads
 * recorded in the audit log.
 */
@Singleton
final class AuthenticationInterceptor implements ServerInterceptor, Ordered {

    private static final Set<String> OPEN_SERVICES = Set.of(
            "grpc.health.v1.Health",
            "grpc.reflection.v1.ServerReflection",
            "grpc.reflection.v1alpha.ServerReflection");
    private static final String BEARER = "Bearer ";

    private final List<CallerAuthenticator> authenticators;
    private final String domain;
    /** Policies declared as beans, for methods served without a proto contract. */
    private final Map<String, MethodPolicy> declared;
    private final Map<String, Optional<MethodPolicy>> policies = new ConcurrentHashMap<>();
    private final PersonalDataReads personalData;

    AuthenticationInterceptor(List<CallerAuthenticator> authenticators, ServiceIdentity identity,
                              List<MethodPolicy> declaredPolicies, PersonalDataReads personalData) {
        this.authenticators = List.copyOf(authenticators);
        this.personalData = personalData;
        this.domain = identity.errorDomain();
        this.declared = declaredPolicies.stream()
                .collect(Collectors.toMap(MethodPolicy::fullMethodName, Function.identity()));
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
            ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        if (OPEN_SERVICES.contains(call.getMethodDescriptor().getServiceName())) {
            return next.startCall(call, headers);
        }
        String authorization = headers.get(CallHeaders.AUTHORIZATION);
        if (authorization == null || authorization.isBlank()) {
            return reject(call, Status.Code.UNAUTHENTICATED, "TOKEN_MISSING",
                    "no credential: send metadata 'authorization: Bearer <token>'");
        }
        if (!authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return reject(call, Status.Code.UNAUTHENTICATED, "TOKEN_SCHEME_UNSUPPORTED",
                    "the authorization metadata must use the Bearer scheme: 'authorization: Bearer <token>'");
        }
        String token = authorization.substring(BEARER.length()).trim();
        // Static service tokens and, when configured, people's JWTs: the first that knows the token says who it is.
        Optional<Caller> found = authenticators.stream().map(a -> a.authenticate(token)).flatMap(Optional::stream).findFirst();
        if (found.isEmpty()) {
            return reject(call, Status.Code.UNAUTHENTICATED, "TOKEN_INVALID",
                    "the bearer token is not valid for this service; check the token configured for the caller");
        }
        Caller caller = found.get();
        String method = call.getMethodDescriptor().getFullMethodName();
        Optional<MethodPolicy> policy = policies.computeIfAbsent(method,
                name -> MethodPolicy.declaredBy(call.getMethodDescriptor()).or(() -> Optional.ofNullable(declared.get(name))));
        if (policy.isEmpty()) {
            return reject(call, Status.Code.PERMISSION_DENIED, "METHOD_WITHOUT_POLICY",
                    call.getMethodDescriptor().getBareMethodName() + " declares no call policy, so nobody may call it");
        }
        String tenant = "";
        if (!policy.get().tenantFree()) {
            String sent = headers.get(CallHeaders.TENANT);
            if (sent == null || sent.isBlank()) {
                return reject(call, Status.Code.INVALID_ARGUMENT, "TENANT_MISSING",
                        "no tenant: send metadata 'x-atsbridge-tenant: <tenant id>'");
            }
            if (!CallContext.TENANT_ID.matcher(sent).matches()) {
                return reject(call, Status.Code.INVALID_ARGUMENT, "TENANT_INVALID",
                        "tenant id must be 1..63 lower-case letters, digits or '-', starting with a letter or digit");
            }
            if (!caller.mayActFor(sent)) {
                return reject(call, Status.Code.PERMISSION_DENIED, "TENANT_NOT_PERMITTED",
                        "caller '" + caller.name() + "' may not act for tenant '" + sent + "'");
            }
            tenant = sent;
        }
        if (!policy.get().admits(caller.roles())) {
            return reject(call, Status.Code.PERMISSION_DENIED, "ROLE_REQUIRED",
                    "caller '" + caller.name() + "' lacks role '" + String.join("' or '", policy.get().roles())
                            + "' needed for " + call.getMethodDescriptor().getBareMethodName());
        }
        CallContext context = new CallContext(tenant, caller,
                headers.get(CallHeaders.ON_BEHALF_OF), headers.get(CallHeaders.TRACE_ID));
        return Contexts.interceptCall(context.attachTo(Context.current()), call, headers, personalData.guard(next, context,
                policy.get().readsPersonalData(), policy.get().showsPersonalFieldsTo(caller.roles())));
    }

    private <Q, R> ServerCall.Listener<Q> reject(ServerCall<Q, R> call, Status.Code code, String reason, String message) {
        StatusRuntimeException status = GrpcErrors.toStatusException(code, reason, message, domain, Map.of());
        call.close(status.getStatus(), status.getTrailers() != null ? status.getTrailers() : new Metadata());
        return new ServerCall.Listener<>() {
        };
    }
}
