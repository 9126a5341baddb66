package io.atsbridge.adapter.connector;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * How the adapter calls vendor APIs (Greenhouse, Lever, Ashby, AI vendors), {@code atsbridge.adapter.http.*};
 * every key and its default is in {@code application-adapter.yml}, and the same defaults stand here for a context
 * built without it.
 *
 * @param connectTimeout   for opening a connection
 * @param requestTimeout   per call: no answer in time is a failed call
 * @param rateLimitRetries a 429 is waited out (Retry-After) at most this many times per call ...
 * @param rateLimitMaxWait ... and for at most this long in total; longer waits retry the event later
 * @param maxQueueWait     how long a call may wait for its connection's request budget before it is deferred
 * @param circuitOpenFor   how long a connection's calls are held back after its vendor kept failing
 * @param replicas         the adapter replicas sharing each connection's documented request budget
 */
@ConfigurationProperties("atsbridge.adapter.http")
public record VendorHttpSettings(
        @Bindable(defaultValue = "5s") Duration connectTimeout,
        @Bindable(defaultValue = "30s") Duration requestTimeout,
        @Bindable(defaultValue = "3") int rateLimitRetries,
        @Bindable(defaultValue = "30s") Duration rateLimitMaxWait,
        @Bindable(defaultValue = "30s") Duration maxQueueWait,
        @Bindable(defaultValue = "30s") Duration circuitOpenFor,
        @Bindable(defaultValue = "1") int replicas) {
}
