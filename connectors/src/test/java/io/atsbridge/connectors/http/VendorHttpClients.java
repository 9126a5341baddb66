package io.atsbridge.connectors.http;

import io.micronaut.http.client.HttpClient;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The vendor HTTP clients of a test class, each over a standalone Micronaut client of its own (no application
 * context here). Each standalone client owns an event loop, so the class registers this as a static extension and
 * every client it made is closed after the class's tests:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final VendorHttpClients CLIENTS = new VendorHttpClients();
 * private final VendorHttp http = CLIENTS.vendorHttp(Duration.ofSeconds(2), Duration.ofSeconds(10), 3, Duration.ofSeconds(30));
 * }</pre>
 */
public final class VendorHttpClients implements AfterAllCallback {

    private final List<HttpClient> clients = new CopyOnWriteArrayList<>();

    /** A vendor HTTP client that sleeps out rate limits. */
    public VendorHttp vendorHttp(Duration connectTimeout, Duration readTimeout, int maxRateLimitRetries,
                                 Duration maxRateLimitWait) {
        return new VendorHttp(client(connectTimeout, readTimeout), maxRateLimitRetries, maxRateLimitWait);
    }

    /** A vendor HTTP client that waits out rate limits with the given sleeper (which may count the waits). */
    public VendorHttp vendorHttp(Duration connectTimeout, Duration readTimeout, int maxRateLimitRetries,
                                 Duration maxRateLimitWait, VendorHttp.Sleeper sleeper) {
        return new VendorHttp(client(connectTimeout, readTimeout), maxRateLimitRetries, maxRateLimitWait, sleeper);
    }

    private HttpClient client(Duration connectTimeout, Duration readTimeout) {
        HttpClient client = VendorHttp.standaloneClient(connectTimeout, readTimeout);
        clients.add(client);
        return client;
    }

    @Override
    public void afterAll(ExtensionContext context) {
        for (HttpClient client : clients) {
            client.close();
        }
        clients.clear();
    }
}
