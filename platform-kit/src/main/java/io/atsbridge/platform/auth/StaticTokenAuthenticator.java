package io.atsbridge.platform.auth;

import io.atsbridge.platform.context.Caller;
import io.atsbridge.platform.context.CallerKind;
import io.atsbridge.platform.startup.MissingConfigurationException;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/**
 * Authenticates callers against the static tokens in configuration. Created eagerly so that a
 * service without any token configured refuses to start, with one line that says what to set.
 * Tokens are compared as SHA-256 digests in constant time and every configured token is checked,
 * so timing says nothing about which one matched. Contexts without a gRPC server (the HTTP
 * gateway) need no caller tokens. Another verifier (JWT, mTLS) takes over with
 * {@code atsbridge.auth.mode} set to its own name.
 *
 * <p>Static tokens are for automation (kind SERVICE). A static token for a person (kind PERSON) is a shared,
 * long-lived password nobody can tell apart from its holder, so it refuses start-up unless
 * {@code atsbridge.auth.allow-static-person-tokens} is true: only the embedded run (the launcher) sets it, for the one
 * person trying atsbridge on their own machine. Everywhere else people sign in with OIDC.
 */
@Context
@Requires(property = "atsbridge.auth.mode", value = "static", defaultValue = "static")
@Requires(property = "grpc.server.enabled", notEquals = "false")
final class StaticTokenAuthenticator implements CallerAuthenticator {

    /** Shortest acceptable token: 16 characters gives at least ~96 bits for random tokens. */
    static final int MIN_SECRET_LENGTH = 16;

    private record Entry(byte[] digest, Caller caller) {
    }

    private final List<Entry> entries;

    /** The setting that lets static tokens stand for people (the embedded run only). */
    static final String ALLOW_PERSON_TOKENS = "atsbridge.auth.allow-static-person-tokens";

    StaticTokenAuthenticator(List<StaticToken> tokens,
                             @Value("${" + ALLOW_PERSON_TOKENS + ":false}") boolean allowPersonTokens) {
        List<Entry> loaded = new ArrayList<>();
        for (StaticToken token : tokens) {
            String envPrefix = "ATSBRIDGE_AUTH_TOKENS_" + token.callerName().toUpperCase().replace('-', '_');
            String envName = envPrefix + "_SECRET";
            if (token.kind() == CallerKind.PERSON && !allowPersonTokens) {
                throw new MissingConfigurationException("caller token '" + token.callerName() + "' is a static token for a "
                        + "person (kind PERSON), which only the embedded run accepts: people sign in with OIDC "
                        + "(ATSBRIDGE_AUTH_OIDC_ISSUER); for tools and scripts set " + envPrefix + "_KIND=SERVICE");
            }
            if (token.secret() == null || token.secret().isBlank()) {
                throw new MissingConfigurationException("caller token '" + token.callerName()
                        + "' has no secret: set " + envName);
            }
            if (token.secret().length() < MIN_SECRET_LENGTH) {
                throw new MissingConfigurationException("caller token '" + token.callerName() + "' is shorter than "
                        + MIN_SECRET_LENGTH + " characters: set " + envName + " to a long random value");
            }
            if (token.tenants() == null || token.tenants().isEmpty()) {
                throw new MissingConfigurationException("caller token '" + token.callerName()
                        + "' may act for no tenant: set atsbridge.auth.tokens." + token.callerName()
                        + ".tenants (a list of tenant ids, or * for any)");
            }
            Caller caller = new Caller(token.callerName(), token.kind(),
                    new HashSet<>(token.roles()), new HashSet<>(token.tenants()));
            loaded.add(new Entry(sha256(token.secret()), caller));
        }
        if (loaded.isEmpty()) {
            throw new MissingConfigurationException("no caller tokens configured: set ATSBRIDGE_AUTH_TOKENS_<CALLER>_SECRET "
                    + "(and _TENANTS) for at least one caller, e.g. ATSBRIDGE_AUTH_TOKENS_ADAPTER_SECRET");
        }
        this.entries = List.copyOf(loaded);
    }

    @Override
    public Optional<Caller> authenticate(String bearerToken) {
        byte[] presented = sha256(bearerToken);
        Caller match = null;
        for (Entry entry : entries) {
            if (MessageDigest.isEqual(entry.digest(), presented)) {
                match = entry.caller();
            }
        }
        return Optional.ofNullable(match);
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
