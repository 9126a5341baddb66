package io.atsbridge.connectors.http;

import com.sun.net.httpserver.HttpServer;
import io.atsbridge.connectors.VendorCallException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The per-connection governor in front of a real HTTP server: it follows the vendor's announced limit,
 * pauses every caller on a 429 for its Retry-After, and opens the circuit when the vendor keeps failing
 * (calls are then held back without reaching the vendor, as deferred work).
 */
class RequestGovernorTest {

    @RegisterExtension
    static final VendorHttpClients CLIENTS = new VendorHttpClients();

    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicReference<Integer> status = new AtomicReference<>(200);
    private final AtomicReference<String> retryAfter = new AtomicReference<>(null);
    private final AtomicReference<String> announcedLimit = new AtomicReference<>("200");
    private VendorHttp http;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("X-RateLimit-Limit", announcedLimit.get());
            if (retryAfter.get() != null) {
                exchange.getResponseHeaders().add("Retry-After", retryAfter.get());
            }
            exchange.sendResponseHeaders(status.get(), body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        http = CLIENTS.vendorHttp(Duration.ofSeconds(2), Duration.ofSeconds(2), 0, Duration.ZERO);
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private VendorHttp.Response call(VendorHttp governed) {
        URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1/things");
        // A POST: repeated by no one but the caller, so each call is one request the governor sees.
        return governed.send("Vendor", "POST /v1/things",
                io.micronaut.http.HttpRequest.create(io.micronaut.http.HttpMethod.POST, uri.toString()));
    }

    private static RequestGovernor governor(int limit, Duration maxWait, Duration openFor) {
        return new RequestGovernor("gh-test", new RequestGovernor.Limits(limit, Duration.ofSeconds(10), maxWait, openFor, 1));
    }

    @Test
    void pacesToTheLimitTheVendorAnnounces() {
        RequestGovernor governor = governor(50, Duration.ofSeconds(5), Duration.ofSeconds(30));
        assertThat(governor.limitPerWindow()).isEqualTo(50);
        call(http.governed(governor));
        assertThat(governor.limitPerWindow()).as("X-RateLimit-Limit: 200").isEqualTo(200);
        announcedLimit.set("not a number");
        call(http.governed(governor));
        assertThat(governor.limitPerWindow()).as("an unreadable header changes nothing").isEqualTo(200);
    }

    @Test
    void sharesTheLimitBetweenReplicas() {
        RequestGovernor governor = new RequestGovernor("gh-test",
                new RequestGovernor.Limits(50, Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofSeconds(30), 2));
        assertThat(governor.limitPerWindow()).isEqualTo(25);
        call(http.governed(governor));
        assertThat(governor.limitPerWindow()).isEqualTo(100);
    }

    @Test
    void aRateLimitPausesEveryCallerForTheVendorsRetryAfter() {
        RequestGovernor governor = governor(200, Duration.ofSeconds(1), Duration.ofSeconds(30));
        status.set(429);
        retryAfter.set("30");
        assertThatThrownBy(() -> call(http.governed(governor)))
                .isInstanceOfSatisfying(VendorCallException.class, e -> {
                    assertThat(e.deferred()).as("being rate-limited does not use up an attempt").isTrue();
                    assertThat(e.status()).isEqualTo(429);
                });
        int before = requests.get();
        status.set(200);
        retryAfter.set(null);
        // The next caller, on any thread, is held back before reaching the vendor: the wait exceeds its 1 s.
        assertThatThrownBy(() -> call(http.governed(governor)))
                .isInstanceOfSatisfying(VendorCallException.class, e -> {
                    assertThat(e.deferred()).isTrue();
                    assertThat(e.getMessage()).contains("asked to wait");
                });
        assertThat(requests.get()).isEqualTo(before);
    }

    @Test
    void theCircuitOpensWhenTheVendorKeepsFailingAndHoldsCallsBack() {
        RequestGovernor governor = governor(200, Duration.ofSeconds(5), Duration.ofMillis(300));
        status.set(503);
        for (int i = 0; i < 10; i++) {
            assertThatThrownBy(() -> call(http.governed(governor)))
                    .isInstanceOfSatisfying(VendorCallException.class, e -> assertThat(e.deferred()).isFalse());
        }
        assertThat(governor.circuitState()).isEqualTo("OPEN");
        int before = requests.get();
        assertThatThrownBy(() -> call(http.governed(governor)))
                .isInstanceOfSatisfying(VendorCallException.class, e -> {
                    assertThat(e.deferred()).isTrue();
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.getMessage()).contains("circuit open");
                });
        assertThat(requests.get()).as("an open circuit does not call the vendor").isEqualTo(before);

        // After the open period, trial calls go through; successes close the circuit again.
        status.set(200);
        await(() -> {
            try {
                call(http.governed(governor));
                return true;
            } catch (VendorCallException stillOpen) {
                return false;
            }
        });
        call(http.governed(governor));
        call(http.governed(governor));
        assertThat(governor.circuitState()).isEqualTo("CLOSED");
    }

    @Test
    void refusalsAreNotTheVendorFailing() {
        RequestGovernor governor = governor(200, Duration.ofSeconds(5), Duration.ofSeconds(30));
        status.set(422);
        for (int i = 0; i < 15; i++) {
            assertThatThrownBy(() -> call(http.governed(governor)))
                    .isInstanceOfSatisfying(VendorCallException.class, e -> assertThat(e.retryable()).isFalse());
        }
        assertThat(governor.circuitState()).isEqualTo("CLOSED");
    }

    private static void await(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
