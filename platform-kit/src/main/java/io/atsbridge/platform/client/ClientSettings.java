package io.atsbridge.platform.client;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * How this service calls the other atsbridge services, {@code atsbridge.client.*} (the peers themselves are
 * {@link PeerConfiguration}s). {@link #toString()} never prints the token.
 *
 * @param token this service's own bearer token, sent on every call to a peer ({@code ATSBRIDGE_CLIENT_TOKEN}); none
 *              (empty) when the service calls nobody
 */
@ConfigurationProperties("atsbridge.client")
public record ClientSettings(@Nullable String token) {

    /** The token, or null when none is set (empty or blank). */
    @Nullable
    public String tokenOrNull() {
        return token == null || token.isBlank() ? null : token;
    }

    @Override
    public String toString() {
        // Never print the token.
        return "ClientSettings[token " + (tokenOrNull() == null ? "none" : "set") + "]";
    }
}
