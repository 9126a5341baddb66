package io.atsbridge.adapter.connections.connector;

import io.atsbridge.adapter.connections.domain.Connection;
import io.atsbridge.adapter.connections.domain.ConnectionDirectory;
import io.atsbridge.adapter.connections.domain.Vendor;
import io.atsbridge.connectors.AtsAccount;
import io.atsbridge.connectors.AtsConnector;
import io.atsbridge.connectors.AtsConnectorFactory;
import io.atsbridge.connectors.VendorCallException;
import io.atsbridge.connectors.VendorModule;
import io.atsbridge.connectors.Vendors;
import io.atsbridge.connectors.aivendor.AiInterviewVendor;
import io.atsbridge.connectors.http.RequestBudget;
import io.atsbridge.connectors.http.RequestGovernor;
import io.atsbridge.connectors.http.VendorHttp;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Vendor clients for stored connections, with the connection's decrypted credentials. Clients are
 * cheap and made per use, so a credential rotated in configuration takes effect at the next call.
 * One HTTP client serves every connection: the application context's {@code vendors} service client
 * ({@code micronaut.http.services.vendors} in {@code application-adapter.yml}: time-outs, no redirects, HTTP/1.1),
 * so every vendor call gets Micronaut's client configuration and the metrics and tracing filters the context applies
 * to its clients. Each connection's calls are paced and guarded by its own governor. Which vendors there are, and how each is called, comes from the
 * connectors library's registry ({@link Vendors}).
 */
@Singleton
public final class Connectors {

    private final ConnectionDirectory directory;
    private final VendorHttp shared;
    private final Duration maxWait;
    private final Duration circuitOpenFor;
    private final int replicas;
    /** Each ATS vendor's connector factory, by vendor name; factories keep what outlives one use (Harvest v3 tokens). */
    private final Map<String, AtsConnectorFactory> atsConnectors;
    /** One governor per connection (and vendor it calls) and replica: pacing and circuit state must outlive the clients. */
    private final Map<String, RequestGovernor> governors = new ConcurrentHashMap<>();

    Connectors(ConnectionDirectory directory, VendorHttpSettings settings,
               @Client(id = VendorHttpSettings.CLIENT_ID) HttpClient vendors) {
        this.directory = directory;
        // The context owns the client and closes it with itself.
        this.shared = new VendorHttp(vendors, settings.rateLimitRetries(), settings.rateLimitMaxWait());
        this.maxWait = settings.maxQueueWait();
        this.circuitOpenFor = settings.circuitOpenFor();
        this.replicas = settings.replicas();
        Map<String, AtsConnectorFactory> factories = new HashMap<>();
        for (VendorModule vendor : Vendors.all()) {
            vendor.atsConnectors().ifPresent(factory -> factories.put(vendor.name(), factory));
        }
        this.atsConnectors = Map.copyOf(factories);
    }

    /**
     * The request budget of each vendor, paced to until the vendor's own headers say more: what the vendor documents
     * (its {@link VendorModule#requestBudget()}), or {@link RequestBudget#UNDOCUMENTED} for vendors atsbridge has no
     * module for.
     */
    static RequestGovernor.Limits documentedLimits(Vendor vendor, Duration maxWait, Duration openFor, int replicas) {
        RequestBudget budget = Vendors.find(vendor.name()).map(VendorModule::requestBudget).orElse(RequestBudget.UNDOCUMENTED);
        return new RequestGovernor.Limits(budget.requests(), budget.window(), maxWait, openFor, replicas);
    }

    /** The governor of a connection (made on first use). */
    public RequestGovernor governor(Connection connection) {
        return governor(connection, connection.vendor());
    }

    /**
     * The governor of a connection's calls to a vendor's API: the connection's own, or, for calls to another vendor
     * (an assessment partner reporting to the ATS that ordered the assessment), one per connection and vendor, paced
     * to that vendor's budget.
     */
    private RequestGovernor governor(Connection connection, Vendor calling) {
        String name = calling == connection.vendor() ? connection.id() : connection.id() + "/" + calling;
        return governors.computeIfAbsent(name, id -> new RequestGovernor(id,
                documentedLimits(calling, maxWait, circuitOpenFor, replicas)));
    }

    /**
     * The connector of an ATS connection, writing on behalf of the given ATS user (Greenhouse
     * On-Behalf-Of user id, Lever perform_as user id; Ashby attributes writes to the API key's owner).
     *
     * @throws VendorCallException (permanent) when the vendor has no connector or the connection has no credentials
     */
    public AtsConnector ats(Connection connection, String onBehalfOf) {
        AtsConnectorFactory factory = atsConnectors.get(connection.vendor().name());
        if (factory == null) {
            throw VendorCallException.permanent("connection " + connection.id() + " is a " + connection.vendor()
                    + " connection; the sync engine reads and writes " + String.join(", ", Vendors.withAtsConnectors()), 0);
        }
        AtsAccount account = new AtsAccount(connection.id(), connection.baseUrl(), credentials(connection), onBehalfOf,
                connection.apiVersion(), connection.tokenUrl());
        return factory.connect(account, shared.governed(governor(connection)));
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

    /**
     * The client an assessment partner connection reports completions to the ATS that ordered them with (Greenhouse's
     * completion PATCH, Ashby's assessment.update), paced and guarded by the connection's governor for that ATS, as
     * every vendor call is.
     *
     * <p>Greenhouse's completion PATCH used to go out ungoverned. It is governed now: the PATCH goes to the customer's
     * Greenhouse, and when Greenhouse keeps failing (at least half of the last calls, ten or more), holding the
     * completions back as deferred work, which uses no attempt, is what the circuit breaker is for; retrying each
     * completion into the outage until its attempts run out turned a Greenhouse outage into dead letters. The governor
     * is the partner connection's own for Greenhouse ({@code <connection>/GREENHOUSE}), so one partner's failing
     * completions never hold back another's, nor the connection's calls to the AI vendor.
     */
    public VendorHttp partnerCallback(Connection partner, Vendor ats) {
        return shared.governed(governor(partner, ats));
    }

    private String credentials(Connection connection) {
        return directory.credentials(connection.tenantId(), connection.id()).orElseThrow(() ->
                VendorCallException.permanent("connection " + connection.id() + " has no credentials: set atsbridge.connections."
                        + connection.id() + ".credentials (the vendor API key)", 0));
    }
}
