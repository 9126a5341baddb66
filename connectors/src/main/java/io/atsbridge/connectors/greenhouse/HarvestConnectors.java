package io.atsbridge.connectors.greenhouse;

import io.atsbridge.connectors.AtsAccount;
import io.atsbridge.connectors.AtsConnector;
import io.atsbridge.connectors.AtsConnectorFactory;
import io.atsbridge.connectors.VendorCallException;
import io.atsbridge.connectors.http.VendorHttp;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Harvest connectors: v3 for connections whose api-version is {@code v3}, v1 otherwise. Keeps each v3 connection's
 * OAuth tokens until they expire, or until its OAuth client is changed in configuration.
 */
final class HarvestConnectors implements AtsConnectorFactory {

    /** Harvest v3 OAuth tokens per connection id. */
    private final Map<String, GreenhouseTokens> tokens = new ConcurrentHashMap<>();

    @Override
    public AtsConnector connect(AtsAccount account, VendorHttp http) {
        return "v3".equals(account.apiVersion())
                ? new GreenhouseHarvestV3(account.baseUrl(), tokens(account, http), Objects.requireNonNull(account.onBehalfOf(),
                        "Harvest v3 calls act as a user: the sync settings of a Greenhouse connection always name one"), http)
                : new GreenhouseHarvest(account.baseUrl(), account.credentials(), account.onBehalfOf(), http);
    }

    /**
     * The connection's Harvest v3 token cache; its credentials are {@code client_id:client_secret}. Tokens are fetched
     * without the connection's governor: the token endpoint is not the Harvest API its governor paces.
     */
    private GreenhouseTokens tokens(AtsAccount account, VendorHttp http) {
        String credentials = account.credentials();
        int colon = credentials.indexOf(':');
        if (colon < 1 || account.tokenUrl() == null) {
            throw VendorCallException.permanent("connection " + account.connectionId() + " speaks Harvest v3 but its credentials "
                    + "are not client_id:client_secret (or it has no token-url); set atsbridge.connections." + account.connectionId()
                    + ".credentials to the OAuth client, or api-version: v1 for a Harvest v1 API key", 0);
        }
        GreenhouseOAuthClient client = new GreenhouseOAuthClient(account.tokenUrl(), credentials.substring(0, colon),
                credentials.substring(colon + 1));
        return tokens.compute(account.connectionId(), (id, cached) ->
                cached != null && cached.client().equals(client) ? cached : new GreenhouseTokens(client, http.ungoverned()));
    }
}
