package io.atsbridge.platform.auth;

import io.micronaut.core.annotation.Nullable;

import java.util.Objects;

/**
 * A gRPC method that is called without a tenant because the tenant is what it finds out — e.g. the
 * edge gateway looking up which tenant owns the connection a webhook arrived for — or because it reads
 * no tenant data at all, like {@code CheckAccess}. A service declares each such method as a bean; only
 * callers holding {@code requiredRole} may call it (any authenticated caller when it is null), and
 * inside it {@code CallContext.tenant()} is empty, so it must not read tenant-scoped data by the
 * call's tenant.
 *
 * @param fullMethodName e.g. {@code atsbridge.adapter.v1.AdapterService/LookupWebhookConnection}
 * @param requiredRole   the role a caller must hold, e.g. {@code gateway}; null when any caller with a
 *                       valid credential may call it
 */
public record TenantFreeMethod(String fullMethodName, @Nullable String requiredRole) {

    public TenantFreeMethod {
        Objects.requireNonNull(fullMethodName, "fullMethodName");
    }

    /** A tenant-free method every authenticated caller may call, whatever its roles. */
    public static TenantFreeMethod forAnyCaller(String fullMethodName) {
        return new TenantFreeMethod(fullMethodName, null);
    }
}
