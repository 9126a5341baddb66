package io.atsbridge.adapter.engine.sync;

import io.atsbridge.adapter.connections.connector.Connectors;
import io.atsbridge.adapter.connections.domain.Connection;
import io.atsbridge.adapter.connections.domain.ConnectionDirectory;
import io.atsbridge.sandbox.greenhouse.NewCandidate;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.annotation.ClientFilter;
import io.micronaut.http.annotation.RequestFilter;
import jakarta.inject.Singleton;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Vendor calls go through the application context's HTTP client, so what the context applies to its clients (metrics,
 * tracing: client filters) sees them: a client filter of this test's context sees the connector's request to the
 * sandbox Greenhouse, credentials and all. It sits beside the loop tests for their fixture (the adapter context with
 * the sandbox connections).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VendorCallInstrumentationTest {

    private LoopFixture fixture;

    @BeforeAll
    void start() throws Exception {
        fixture = new LoopFixture("adapter_vendor_calls", Map.of("atsbridge.test.vendor-call-filter", "true"));
    }

    @AfterAll
    void stop() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void theContextsClientFiltersSeeEveryVendorCall() {
        long candidate = fixture.greenhouse.addCandidate(NewCandidate.builder("Ada", "Lovelace").email("ada@example.com").build());
        Connection connection = fixture.context.getBean(ConnectionDirectory.class).get("acme", "gh-acme");

        String lastName = fixture.context.getBean(Connectors.class).ats(connection, "4080")
                .getCandidate(Long.toString(candidate)).lastName();

        assertThat(lastName).isEqualTo("Lovelace");
        SeenRequests seen = fixture.context.getBean(SeenRequests.class);
        String harvest = URI.create(fixture.sandbox.greenhouseBaseUrl()).getPath();
        assertThat(seen.requests).contains("GET " + harvest + "/v1/candidates/" + candidate);
        assertThat(seen.authorized).as("the filter sees the request as sent, with its credentials").isTrue();
    }

    /** Stands for what Micronaut's metrics and tracing add to the context's clients: a filter on every request. */
    @Singleton
    @ClientFilter("/**")
    @Requires(property = "atsbridge.test.vendor-call-filter", value = "true")
    static final class SeenRequests {

        final List<String> requests = new CopyOnWriteArrayList<>();
        volatile boolean authorized;

        @RequestFilter
        void seen(MutableHttpRequest<?> request) {
            requests.add(request.getMethodName() + " " + request.getPath());
            authorized = request.getHeaders().contains("Authorization");
        }
    }
}
