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
     * The Harvest client of a Greenhouse connection, writing on behalf of the given Greenhouse user.
     *
     * @throws VendorCallException (permanent) when the connection is not Greenhouse or has no credentials
     */
    public GreenhouseHarvest greenhouse(Connection connection, String onBehalfOf) {
        if (connection.vendor() != Vendor.GREENHOUSE) {
            throw VendorCallException.permanent("connection " + connection.id() + " is a " + connection.vendor()
                    + " connection; the sync engine writes back to GREENHOUSE only", 0);
        }
        return new GreenhouseHarvest(connection.baseUrl(), credentials(connection), onBehalfOf, http);
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
