package io.atsbridge.platform.auth;

import java.util.Objects;

/**
 * A gRPC method that is called without a tenant because the tenant is what it finds out — e.g. the
 * edge gateway looking up which tenant owns the connection a webhook arrived for. A service declares
 * each such method as a bean; only callers holding {@code requiredRole} may call it, and inside it
 * {@code CallContext.tenant()} is empty, so it must not read tenant-scoped data by the call's tenant.
 *
 * @param fullMethodName e.g. {@code atsbridge.adapter.v1.AdapterService/LookupWebhookConnection}
 * @param requiredRole   the role a caller must hold, e.g. {@code gateway}
 */
public record TenantFreeMethod(String fullMethodName, String requiredRole) {

    public TenantFreeMethod {
        Objects.requireNonNull(fullMethodName, "fullMethodName");
        Objects.requireNonNull(requiredRole, "requiredRole");
    }
}
