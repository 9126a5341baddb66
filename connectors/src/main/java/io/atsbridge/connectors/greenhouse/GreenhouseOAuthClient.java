package io.atsbridge.connectors.greenhouse;

import java.net.URI;
import java.util.Objects;

/**
 * The OAuth 2.0 client credentials of one Greenhouse Harvest v3 connection: the token URL
 * ({@code https://auth.greenhouse.io/token} in production), the client id and the client secret
 * (https://harvestdocs.greenhouse.io/docs/authentication). {@link #toString()} never prints the secret.
 */
public record GreenhouseOAuthClient(String tokenUrl, String clientId, String clientSecret) {

    /** Greenhouse's production token endpoint. */
    public static final String GREENHOUSE_TOKEN_URL = "https://auth.greenhouse.io/token";

    public GreenhouseOAuthClient {
        Objects.requireNonNull(tokenUrl, "tokenUrl");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecret, "clientSecret");
        URI uri;
        try {
            uri = URI.create(tokenUrl);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("tokenUrl: '" + tokenUrl + "' (expected: an absolute http(s) URL such as "
                    + GREENHOUSE_TOKEN_URL + ")");
        }
        if (uri.getHost() == null || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
            throw new IllegalArgumentException("tokenUrl: '" + tokenUrl + "' (expected: an absolute http(s) URL such as "
                    + GREENHOUSE_TOKEN_URL + ")");
        }
        if (clientId.isBlank()) {
            throw new IllegalArgumentException("clientId is blank (expected: the Harvest v3 OAuth client id)");
        }
        if (clientSecret.isBlank()) {
            throw new IllegalArgumentException("clientSecret is blank (expected: the Harvest v3 OAuth client secret)");
        }
    }

    @Override
    public String toString() {
        return "GreenhouseOAuthClient[tokenUrl=" + tokenUrl + ", clientId=" + clientId + ", clientSecret=***]";
    }
}
