package io.atsbridge.platform.auth;

import io.atsbridge.platform.context.CallerKind;
import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.util.List;

/**
 * One static bearer token from configuration, {@code atsbridge.auth.tokens.<caller-name>.*}. From the
 * environment: {@code ATSBRIDGE_AUTH_TOKENS_<NAME>_SECRET}, {@code _KIND}, {@code _ROLES}, {@code _TENANTS}.
 * {@link #toString()} never prints the secret.
 *
 * @param callerName the caller's name, e.g. {@code gateway}
 * @param secret     the bearer token (checked at start-up: present and at least 16 characters)
 * @param kind       a service or a person
 * @param roles      the caller's roles
 * @param tenants    the tenants the caller may act for, or {@code *}; none configured refuses start-up
 */
@EachProperty("atsbridge.auth.tokens")
public record StaticToken(
        @Parameter String callerName,
        @Nullable String secret,
        @Bindable(defaultValue = "SERVICE") CallerKind kind,
        @Bindable(defaultValue = "service") List<String> roles,
        @Nullable List<String> tenants) {

    public StaticToken {
        roles = List.copyOf(roles);
        tenants = tenants == null ? null : List.copyOf(tenants);
    }

    @Override
    public String toString() {
        // Never print the secret.
        return "StaticToken[" + callerName + ", " + kind + ", roles=" + roles + ", tenants=" + tenants + "]";
    }
}
