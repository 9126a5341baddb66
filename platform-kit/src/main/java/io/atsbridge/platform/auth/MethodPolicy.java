package io.atsbridge.platform.auth;

import io.atsbridge.proto.access.v1.CallPolicy;
import io.atsbridge.proto.access.v1.PolicyProto;
import io.grpc.MethodDescriptor;
import io.grpc.protobuf.ProtoMethodDescriptorSupplier;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Who may call one gRPC method: the roles that may (any one suffices; none listed means any authenticated caller)
 * and whether it acts for no tenant. Every method of every atsbridge service declares it in its contract, as the
 * method option {@code (atsbridge.access.v1.policy)}; a method that declares none is refused to every caller.
 * A method served without a proto contract (platform-kit's own test probe) may declare it as a bean instead.
 *
 * @param fullMethodName e.g. {@code atsbridge.adapter.v1.AdapterService/IngestEvents}
 * @param roles          the roles that may call it; empty: any authenticated caller
 * @param tenantFree     the method acts for no tenant (it finds the tenant out, or reads no tenant data): inside it
 *                       {@code CallContext.tenant()} is empty
 * @param readsPersonalData   its answers are about identifiable candidates: every answered call is recorded in the
 *                            audit log (see {@link io.atsbridge.platform.privacy.PersonalDataReads})
 * @param personalFieldsFor   the roles that see the fields marked personal in its answers; empty: every caller
 */
public record MethodPolicy(String fullMethodName, List<String> roles, boolean tenantFree, boolean readsPersonalData,
                           List<String> personalFieldsFor) {

    public MethodPolicy {
        Objects.requireNonNull(fullMethodName, "fullMethodName");
        roles = List.copyOf(roles);
        personalFieldsFor = List.copyOf(personalFieldsFor);
    }

    /** A policy of a method whose answers hold no personal data. */
    public MethodPolicy(String fullMethodName, List<String> roles, boolean tenantFree) {
        this(fullMethodName, roles, tenantFree, false, List.of());
    }

    /** The policy the method's proto contract declares, if it has a contract and declares one. */
    public static Optional<MethodPolicy> declaredBy(MethodDescriptor<?, ?> method) {
        if (!(method.getSchemaDescriptor() instanceof ProtoMethodDescriptorSupplier proto)) {
            return Optional.empty();
        }
        var options = proto.getMethodDescriptor().getOptions();
        if (!options.hasExtension(PolicyProto.policy)) {
            return Optional.empty();
        }
        CallPolicy policy = options.getExtension(PolicyProto.policy);
        return Optional.of(new MethodPolicy(method.getFullMethodName(), policy.getRolesList(), policy.getTenantFree(),
                policy.getReadsPersonalData(), policy.getPersonalFieldsForList()));
    }

    /** Whether a caller with these roles may call the method. */
    public boolean admits(java.util.Set<String> callerRoles) {
        return roles.isEmpty() || roles.stream().anyMatch(callerRoles::contains);
    }

    /** Whether a caller with these roles sees the fields marked personal in the answers. */
    public boolean showsPersonalFieldsTo(java.util.Set<String> callerRoles) {
        return personalFieldsFor.isEmpty() || personalFieldsFor.stream().anyMatch(callerRoles::contains);
    }
}
