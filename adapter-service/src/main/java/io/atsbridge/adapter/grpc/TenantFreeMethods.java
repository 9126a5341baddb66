package io.atsbridge.adapter.grpc;

import io.atsbridge.platform.auth.TenantFreeMethod;
import io.atsbridge.proto.adapter.v1.AdapterServiceGrpc;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/** The adapter methods called without a tenant, each with the role its callers must hold. */
@Factory
final class TenantFreeMethods {

    /** The role of the edge gateway, which looks up connections before it knows their tenant. */
    static final String GATEWAY_ROLE = "gateway";

    @Singleton
    TenantFreeMethod lookupWebhookConnection() {
        return new TenantFreeMethod(AdapterServiceGrpc.getLookupWebhookConnectionMethod().getFullMethodName(), GATEWAY_ROLE);
    }
}
