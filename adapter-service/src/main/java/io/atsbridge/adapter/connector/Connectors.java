package io.atsbridge.adapter.connector;

import io.atsbridge.adapter.domain.Connection;
import io.atsbridge.adapter.domain.ConnectionDirectory;
import io.atsbridge.adapter.domain.Vendor;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Vendor clients for stored connections, with the connection's decrypted credentials. Clients are
 * cheap and made per use, so a credential rotated in configuration takes effect at the next call.
 * One HTTP client, with the configured time-outs, serves every connection.
 */
@Singleton
public final class Connectors {

    private final ConnectionDirectory directory;
    private final VendorHttp shared;
    private final Duration maxWait;
    private final Duration circuitOpenFor;
    private final int replicas;
    /** Harvest v3 OAuth tokens per connection, cached until they expire (or the client is rotated in configuration). */
    private final Map<String, GreenhouseTokens> greenhouseTokens = new ConcurrentHashMap<>();
    /** One governor per connection and replica: pacing and circuit state must outlive the per-use clients. */
    private final Map<String, RequestGovernor> governors = new ConcurrentHashMap<>();

    Connectors(ConnectionDirectory directory,
               @Value("${atsbridge.adapter.http.connect-timeout:5s}") Duration connectTimeout,
               @Value("${atsbridge.adapter.http.request-timeout:30s}") Duration requestTimeout,
               @Value("${atsbridge.adapter.http.rate-limit-retries:3}") int rateLimitRetries,
               @Value("${atsbridge.adapter.http.rate-limit-max-wait:30s}") Duration rateLimitMaxWait,
               @Value("${atsbridge.adapter.http.max-queue-wait:30s}") Duration maxWait,
               @Value("${atsbridge.adapter.http.circuit-open-for:30s}") Duration circuitOpenFor,
               @Value("${atsbridge.adapter.http.replicas:1}") int replicas) {
        this.directory = directory;
        this.shared = new VendorHttp(connectTimeout, requestTimeout, rateLimitRetries, rateLimitMaxWait);
        this.maxWait = maxWait;
        this.circuitOpenFor = circuitOpenFor;
        this.replicas = replicas;
    }

    /**
     * The documented request budget of each vendor, paced to until the vendor's own headers say more:
     * Greenhouse Harvest 50 per 10 s (X-RateLimit-Limit follows), Lever 10 per second (bursts to 20 are
     * not relied on), Ashby not documented (10 per second assumed), AI vendors 20 per second assumed.
     */
    static RequestGovernor.Limits documentedLimits(Vendor vendor, Duration maxWait, Duration openFor, int replicas) {
        return switch (vendor) {
            case GREENHOUSE -> new RequestGovernor.Limits(50, Duration.ofSeconds(10), maxWait, openFor, replicas);
            case LEVER, ASHBY -> new RequestGovernor.Limits(10, Duration.ofSeconds(1), maxWait, openFor, replicas);
            default -> new RequestGovernor.Limits(20, Duration.ofSeconds(1), maxWait, openFor, replicas);
        };
    }

    /** The governor of a connection (made on first use). */
    public RequestGovernor governor(Connection connection) {
        return governors.computeIfAbsent(connection.id(), id -> new RequestGovernor(id,
                documentedLimits(connection.vendor(), maxWait, circuitOpenFor, replicas)));
    }

    /**
     * The connector of an ATS connection, writing on behalf of the given ATS user (Greenhouse
     * On-Behalf-Of user id, Lever perform_as user id; Ashby attributes writes to the API key's owner).
     *
     * @throws VendorCallException (permanent) when the vendor has no connector or the connection has no credentials
     */
    public AtsConnector ats(Connection connection, String onBehalfOf) {
        VendorHttp http = shared.governed(governor(connection));
        return switch (connection.vendor()) {
            case GREENHOUSE -> "v3".equals(connection.apiVersion())
                    ? new GreenhouseHarvestV3(connection.baseUrl(), tokens(connection), onBehalfOf, http)
                    : new GreenhouseHarvest(connection.baseUrl(), credentials(connection), onBehalfOf, http);
            case LEVER -> new LeverConnector(connection.baseUrl(), credentials(connection), onBehalfOf, http);
            case ASHBY -> new AshbyConnector(connection.baseUrl(), credentials(connection), http);
            default -> throw VendorCallException.permanent("connection " + connection.id() + " is a " + connection.vendor()
                    + " connection; the sync engine reads and writes GREENHOUSE, LEVER and ASHBY", 0);
        };
    }

    /**
     * The AI interview vendor client of an AI_VENDOR connection.
     *
     * @throws VendorCallException (permanent) when the connection has no credentials
     */
    public AiInterviewVendor aiVendor(Connection connection) {
        return new AiInterviewVendor(connection.baseUrl(), credentials(connection), shared.governed(governor(connection)),
                "AI vendor " + connection.displayName());
    }

    /** The client that PATCHes Greenhouse assessment completion URLs. */
    public GreenhouseAssessmentCallback greenhouseAssessment() {
        return new GreenhouseAssessmentCallback(shared);
    }

    /** The connection's Harvest v3 token cache; its credentials are {@code client_id:client_secret}. */
    private GreenhouseTokens tokens(Connection connection) {
        String credentials = credentials(connection);
        int colon = credentials.indexOf(':');
        if (colon < 1 || connection.tokenUrl() == null) {
            throw VendorCallException.permanent("connection " + connection.id() + " speaks Harvest v3 but its credentials "
                    + "are not client_id:client_secret (or it has no token-url); set atsbridge.connections." + connection.id()
                    + ".credentials to the OAuth client, or api-version: v1 for a Harvest v1 API key", 0);
        }
        GreenhouseOAuthClient client = new GreenhouseOAuthClient(connection.tokenUrl(), credentials.substring(0, colon),
                credentials.substring(colon + 1));
        return greenhouseTokens.compute(connection.id(), (id, cached) ->
                cached != null && cached.client().equals(client) ? cached : new GreenhouseTokens(client, shared));
    }

    private String credentials(Connection connection) {
        return directory.credentials(connection.tenantId(), connection.id()).orElseThrow(() ->
                VendorCallException.permanent("connection " + connection.id() + " has no credentials: set atsbridge.connections."
                        + connection.id() + ".credentials (the vendor API key)", 0));
    }
}
