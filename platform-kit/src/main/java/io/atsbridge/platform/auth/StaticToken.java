package io.atsbridge.platform.auth;

import io.atsbridge.platform.context.CallerKind;
import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import io.micronaut.core.annotation.Nullable;

import java.util.List;

/**
 * One static bearer token from configuration, {@code atsbridge.auth.tokens.<caller-name>.*}. From the
 * environment: {@code ATSBRIDGE_AUTH_TOKENS_<NAME>_SECRET}, {@code _KIND}, {@code _ROLES}, {@code _TENANTS}.
 */
@EachProperty("atsbridge.auth.tokens")
public final class StaticToken {

    private final String callerName;
    @Nullable
    private String secret;
    private CallerKind kind = CallerKind.SERVICE;
    private List<String> roles = List.of("service");
    private List<String> tenants = List.of();

    public StaticToken(@Parameter String callerName) {
        this.callerName = callerName;
    }

    public String getCallerName() {
        return callerName;
    }

    @Nullable
    public String getSecret() {
        return secret;
    }

    public void setSecret(@Nullable String secret) {
        this.secret = secret;
    }

    public CallerKind getKind() {
        return kind;
    }

    public void setKind(CallerKind kind) {
        this.kind = kind;
    }

    public List<String> getRoles() {
        return roles;
    }

    public void setRoles(List<String> roles) {
        this.roles = roles;
    }

    public List<String> getTenants() {
        return tenants;
    }

    public void setTenants(List<String> tenants) {
        this.tenants = tenants;
    }

    @Override
    public String toString() {
        // Never print the secret.
        return "StaticToken[" + callerName + ", " + kind + ", roles=" + roles + ", tenants=" + tenants + "]";
    }
}
