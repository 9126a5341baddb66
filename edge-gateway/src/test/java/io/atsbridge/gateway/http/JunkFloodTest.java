package io.atsbridge.gateway.http;

import io.atsbridge.platform.testing.TestPorts;
import io.grpc.Server;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Junk cannot starve a connection: thousands of unsigned webhook requests to one connection, some from the very
 * address the vendor sends from, while the vendor's correctly signed deliveries keep arriving; none of those is
 * refused and every one is stored. The gateway runs with its default budgets, behind a proxy that sets
 * X-Forwarded-For (so the test can speak from several addresses), against a stand-in adapter.
 */
@MicronautTest(environments = "gateway")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JunkFloodTest implements TestPropertyProvider {

    private static final String VENDOR_ADDRESS = "192.0.2.10";

    private final WebhookControllerTest.FakeAdapter fake = new WebhookControllerTest.FakeAdapter();
    private final Server adapter = WebhookControllerTest.start(fake);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Inject
    EmbeddedServer gateway;
    @Inject
    MeterRegistry meters;

    @Override
    public Map<String, String> getProperties() {
        return Map.of(
                "micronaut.server.port", TestPorts.freeText(),
                "micronaut.server.client-address-header", "X-Forwarded-For",
                // One address's junk: 30 at once, then one a second.
                "atsbridge.gateway.rate-limit.unverified.per-source-per-second", "1",
                "atsbridge.gateway.rate-limit.unverified.per-source-burst", "30",
                "atsbridge.client.token", "gateway-token-0123456789",
                "atsbridge.peers.adapter.address", "127.0.0.1:" + adapter.getPort());
    }

    @AfterAll
    void stop() {
        adapter.shutdownNow();
    }

    @Test
    void thousandsOfUnsignedRequestsNeverCrowdOutSignedDeliveries() throws Exception {
        int signed = 120;
        int minimumJunk = 2_000;
        AtomicBoolean vendorDone = new AtomicBoolean();
        AtomicInteger junkSent = new AtomicInteger();
        Map<Integer, AtomicInteger> junkStatuses = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> junk = new ArrayList<>();
        try {
            for (int t = 0; t < 3; t++) {
                int thread = t;
                junk.add(pool.submit(() -> {
                    byte[] body = "{\"action\":\"hire_candidate\",\"payload\":{}}".getBytes(StandardCharsets.UTF_8);
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                    while ((!vendorDone.get() || junkSent.get() < minimumJunk) && System.nanoTime() < deadline) {
                        int n = junkSent.incrementAndGet();
                        // A third of the junk comes from the vendor's own address, the rest from many others.
                        String from = thread == 0 ? VENDOR_ADDRESS : "203.0.113." + (n % 200);
                        HttpResponse<String> response = send("gh-flood", body, Map.of("Greenhouse-Event-ID", "junk-" + n,
                                "Signature", "sha256 " + "0".repeat(64)), from);
                        junkStatuses.computeIfAbsent(response.statusCode(), s -> new AtomicInteger()).incrementAndGet();
                    }
                    return null;
                }));
            }
            List<HttpResponse<String>> deliveries = new ArrayList<>();
            Future<?> vendor = pool.submit(() -> {
                for (int i = 0; i < signed; i++) {
                    byte[] body = ("{\"action\":\"hire_candidate\",\"payload\":{\"application\":{\"id\":" + i + "}}}")
                            .getBytes(StandardCharsets.UTF_8);
                    deliveries.add(send("gh-flood", body, Map.of("Greenhouse-Event-ID", "evt-" + i,
                            "Signature", "sha256 " + HexFormat.of().formatHex(hmac(body))), VENDOR_ADDRESS));
                    // Well inside the verified budget (50/s): it is the junk that must not get in the way.
                    Thread.sleep(40);
                }
                vendorDone.set(true);
                return null;
            });
            vendor.get(3, TimeUnit.MINUTES);
            for (Future<?> f : junk) {
                f.get(3, TimeUnit.MINUTES);
            }

            assertThat(deliveries).hasSize(signed).allSatisfy(r -> assertThat(r.statusCode()).as(r.body()).isEqualTo(200));
            assertThat(fake.storedKeys()).filteredOn(k -> k.startsWith("gh-flood/evt-")).hasSize(signed);
            assertThat(fake.storedKeys()).noneMatch(k -> k.startsWith("gh-flood/junk-"));
            assertThat(junkSent.get()).isGreaterThanOrEqualTo(minimumJunk);
            assertThat(junkStatuses.keySet()).as("junk is refused, for its signature or beyond its budget").containsOnly(401, 429);
            assertThat(junkStatuses.get(429).get()).as("junk beyond its budget is limited").isPositive();
            assertThat(meters.get("atsbridge.webhooks.rejected").tags("connection", "gh-flood", "reason", "UNVERIFIED_RATE_LIMITED")
                    .counter().count()).isPositive();
            assertThat(meters.find("atsbridge.webhooks.rejected").tags("connection", "gh-flood", "reason", "RATE_LIMITED").counter())
                    .as("no verified delivery was rate-limited").isNull();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anAddressThatSpentItsBudgetDoesNotGetMadeUpIdsLookedUpButOthersDo() throws Exception {
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        String attacker = "198.51.100.7";
        List<Integer> statuses = new ArrayList<>();
        HttpResponse<String> limited = null;
        long started = System.nanoTime();
        for (int i = 0; i < 200; i++) {
            HttpResponse<String> response = send("zz-made-up-" + i, body, Map.of(), attacker);
            statuses.add(response.statusCode());
            limited = response.statusCode() == 429 ? response : limited;
        }
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started) + 1;
        assertThat(statuses).containsOnly(404, 429).contains(404);
        assertThat(limited).as("an address beyond its budget is answered 429").isNotNull();
        assertThat(limited.body()).contains("\"reason\":\"UNVERIFIED_RATE_LIMITED\"");
        assertThat(limited.headers().firstValue("Retry-After")).isPresent();
        long asked = fake.lookups.stream().filter(id -> id.startsWith("zz-made-up-")).count();
        assertThat(asked).as("the adapter is asked at most the address's budget (30 at once, then 1/s for %s s)", seconds)
                .isLessThanOrEqualTo(30 + seconds);

        // Another address still gets its answer, from the adapter.
        HttpResponse<String> other = send("zz-made-up-other", body, Map.of(), "198.51.100.8");
        assertThat(other.statusCode()).isEqualTo(404);
        assertThat(other.body()).contains("\"reason\":\"CONNECTION_UNKNOWN\"");
        assertThat(fake.lookups).contains("zz-made-up-other");

        // A connection the adapter confirmed is still verified for the spent address: a signed delivery goes in.
        byte[] delivery = "{\"action\":\"hire_candidate\",\"payload\":{\"application\":{\"id\":7}}}".getBytes(StandardCharsets.UTF_8);
        assertThat(send("gh-known", delivery, Map.of("Greenhouse-Event-ID", "evt-first",
                "Signature", "sha256 " + HexFormat.of().formatHex(hmac(delivery))), "198.51.100.9").statusCode()).isEqualTo(200);
        HttpResponse<String> fromSpent = send("gh-known", delivery, Map.of("Greenhouse-Event-ID", "evt-known",
                "Signature", "sha256 " + HexFormat.of().formatHex(hmac(delivery))), attacker);
        assertThat(fromSpent.statusCode()).as(fromSpent.body()).isEqualTo(200);
    }

    private HttpResponse<String> send(String connection, byte[] body, Map<String, String> headers, String from) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.getPort() + "/webhooks/" + connection))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .header("X-Forwarded-For", from)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] body) {
        return WebhookControllerTest.hmac(WebhookControllerTest.SECRET, body);
    }
}
