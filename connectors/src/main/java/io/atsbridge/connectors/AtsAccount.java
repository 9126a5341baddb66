package io.atsbridge.connectors;

import io.micronaut.core.annotation.Nullable;

import java.util.Objects;

/**
 * One ATS account as a connection holds it: what a connector needs to call the vendor's API.
 * {@link #toString()} never prints the credentials.
 *
 * @param connectionId the connection's id, for messages and for what is kept per connection
 * @param baseUrl      the vendor API's base URL
 * @param credentials  the API key, or {@code client_id:client_secret} for OAuth client-credentials APIs (Harvest v3)
 * @param onBehalfOf   the vendor user writes are attributed to (Greenhouse On-Behalf-Of, Lever perform_as), or null
 * @param apiVersion   the vendor API version spoken, e.g. {@code v3}
 * @param tokenUrl     the OAuth token endpoint of client-credentials APIs, or null
 */
public record AtsAccount(String connectionId, String baseUrl, String credentials, @Nullable String onBehalfOf,
                         String apiVersion, @Nullable String tokenUrl) {

    public AtsAccount {
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(apiVersion, "apiVersion");
    }

    @Override
    public String toString() {
        return "AtsAccount[" + connectionId + ", " + baseUrl + ", " + apiVersion + ", as " + onBehalfOf + "]";
    }
}
