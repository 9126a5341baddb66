package io.atsbridge.adapter.connections.connector;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;
import java.util.Set;

/**
 * How the adapter paces and repeats vendor API calls (Greenhouse, Lever, Ashby, AI vendors),
 * {@code atsbridge.adapter.http.*}: what no HTTP client configuration can hold. Every key and its default is in
 * {@code application-adapter.yml}, and the same defaults stand here for a context built without it.
 *
 * <p>The calls themselves go through the application context's {@code vendors} HTTP client
 * ({@code micronaut.http.services.vendors}: connect and read time-outs, no redirects, HTTP/1.1), so they get
 * Micronaut's client configuration, metrics and tracing. Its two time-outs keep the names operators set them by
 * ({@link #CLIENT_KEYS}: {@code atsbridge.adapter.http.connect-timeout} and {@code request-timeout}, in the
 * environment or the declaration file's {@code adapter.http}); {@code application-adapter.yml} hands them to the
 * client, whose configuration is the one place they are read.
 *
 * @param rateLimitRetries a 429 is waited out (Retry-After) at most this many times per call ...
 * @param rateLimitMaxWait ... and for at most this long in total; longer waits retry the event later
 * @param maxQueueWait     how long a call may wait for its connection's request budget before it is deferred
 * @param circuitOpenFor   how long a connection's calls are held back after its vendor kept failing
 * @param replicas         the adapter replicas sharing each connection's documented request budget
 */
@ConfigurationProperties("atsbridge.adapter.http")
public record VendorHttpSettings(
        @Bindable(defaultValue = "3") int rateLimitRetries,
        @Bindable(defaultValue = "30s") Duration rateLimitMaxWait,
        @Bindable(defaultValue = "30s") Duration maxQueueWait,
        @Bindable(defaultValue = "30s") Duration circuitOpenFor,
        @Bindable(defaultValue = "1") int replicas) {

    /**
     * The keys under {@code atsbridge.adapter.http} that configure the {@code vendors} client rather than this record:
     * {@code connect-timeout} (for opening a connection) and {@code request-timeout} (per call, the client's read
     * time-out: no answer in time is a failed call).
     */
    public static final Set<String> CLIENT_KEYS = Set.of("connect-timeout", "request-timeout");

    /** The id of the service client every vendor call goes through, {@code micronaut.http.services.vendors}. */
    public static final String CLIENT_ID = "vendors";
}
