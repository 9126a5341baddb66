package io.atsbridge.platform.context;

import java.util.Objects;
import java.util.Set;

/**
 * The authenticated principal behind a call.
 *
 * @param name    the caller's stable name, e.g. {@code adapter-service} or a user id; never a secret
 * @param kind    service or person
 * @param roles   the caller's roles, e.g. {@code service}, {@code operator}, {@code compliance}
 * @param tenants the tenants the caller may act for; {@code *} means any tenant
 */
public record Caller(String name, CallerKind kind, Set<String> roles, Set<String> tenants) {

    /** The wildcard that lets a caller act for every tenant (service callers only, in practice). */
    public static final String ANY_TENANT = "*";

    public Caller {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        roles = Set.copyOf(roles);
        tenants = Set.copyOf(tenants);
    }

    /** Whether this caller may act for the given tenant. */
    public boolean mayActFor(String tenantId) {
        return tenants.contains(ANY_TENANT) || tenants.contains(tenantId);
    }

    /** Whether this caller holds the given role. */
    public boolean hasRole(String role) {
        return roles.contains(role);
    }
}
