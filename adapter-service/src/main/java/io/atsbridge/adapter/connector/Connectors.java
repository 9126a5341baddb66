package io.atsbridge.adapter.connector;

import io.atsbridge.adapter.domain.Connection;
import io.atsbridge.adapter.domain.ConnectionDirectory;
import io.atsbridge.adapter.domain.Vendor;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.time.Duration;

/**
 * Vendor clients for stored connections, with the connection's decrypted credentials. Clients are
 * cheap and made per use, so a credential rotated in configuration takes effect at the next call.
 * One HTTP client, with the configured time-outs, serves every connection.
 */
@Singleton
public final class Connectors {

    private final ConnectionDirectory directory;
    private final VendorHttp http;

    Connectors(ConnectionDirectory directory,
               @Value("${atsbridge.adapter.http.connect-timeout:5s}") Duration connectTimeout,
               @Value("${atsbridge.adapter.http.request-timeout:30s}") Duration requestTimeout,
               @Value("${atsbridge.adapter.http.rate-limit-retries:3}") int rateLimitRetries,
               @Value("${atsbridge.adapter.http.rate-limit-max-wait:30s}") Duration rateLimitMaxWait) {
        this.directory = directory;
        this.http = new VendorHttp(connectTimeout, requestTimeout, rateLimitRetries, rateLimitMaxWait);
    }

    /**
     * The connector of an ATS connection, writing on behalf of the given ATS user (Greenhouse
     * On-Behalf-Of user id, Lever perform_as user id; Ashby attributes writes to the API key's owner).
     *
     * @throws VendorCallException (permanent) when the vendor has no connector or the connection has no credentials
     */
    public AtsConnector ats(Connection connection, String onBehalfOf) {
        return switch (connection.vendor()) {
            case GREENHOUSE -> new GreenhouseHarvest(connection.baseUrl(), credentials(connection), onBehalfOf, http);
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
        return new AiInterviewVendor(connection.baseUrl(), credentials(connection), http,
                "AI vendor " + connection.displayName());
    }

    /** The client that PATCHes Greenhouse assessment completion URLs. */
    public GreenhouseAssessmentCallback greenhouseAssessment() {
        return new GreenhouseAssessmentCallback(http);
    }

    private String credentials(Connection connection) {
        return directory.credentials(connection.tenantId(), connection.id()).orElseThrow(() ->
                VendorCallException.permanent("connection " + connection.id() + " has no credentials: set atsbridge.connections."
                        + connection.id() + ".credentials (the vendor API key)", 0));
    }
}
