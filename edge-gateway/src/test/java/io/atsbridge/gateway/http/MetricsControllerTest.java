package io.atsbridge.gateway.http;

import io.atsbridge.platform.testing.TestPorts;
import io.grpc.Server;
import io.grpc.netty.NettyServerBuilder;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /metrics} over real HTTP after real webhooks: the Prometheus text shows the received, verified and
 * rejected (by reason) counters per connection and vendor and the latency timer, and no secret.
 */
@MicronautTest(environments = "gateway")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MetricsControllerTest implements TestPropertyProvider {

    /** Must equal the secret WebhookControllerTest.FakeAdapter hands out. */
    private static final String SECRET = "controller-test-secret-0123456789";

    private final Server adapter = start();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Inject
    EmbeddedServer gateway;

    @Override
    public Map<String, String> getProperties() {
        return Map.of(
                "micronaut.server.port", TestPorts.freeText(),
                "atsbridge.client.token", "gateway-token-0123456789",
                "atsbridge.peers.adapter.address", "127.0.0.1:" + adapter.getPort());
    }

    @AfterAll
    void stop() {
        adapter.shutdownNow();
    }

    @Test
    void aVerifiedAndARejectedWebhookShowInThePrometheusText() throws Exception {
        byte[] body = "{\"action\":\"hire_candidate\",\"payload\":{\"application\":{\"id\":7}}}".getBytes(StandardCharsets.UTF_8);
        assertThat(webhook("gh-metrics", body, "sha256 " + HexFormat.of().formatHex(hmac(body)), "evt-m-1").statusCode())
                .isEqualTo(200);
        assertThat(webhook("gh-metrics", body, "sha256 " + "0".repeat(64), "evt-m-2").statusCode()).isEqualTo(401);

        HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.getPort()
                + "/metrics")).GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("text/plain").contains("version=0.0.4"));
        String text = metrics.body();
        assertThat(text).contains("atsbridge_webhooks_received_total{connection=\"gh-metrics\",vendor=\"GREENHOUSE\"} 2.0");
        assertThat(text).contains("atsbridge_webhooks_verified_total{connection=\"gh-metrics\",vendor=\"GREENHOUSE\"} 1.0");
        assertThat(text).containsPattern("atsbridge_webhooks_rejected_total\\{connection=\"gh-metrics\","
                + "reason=\"SIGNATURE_[A-Z_]+\",vendor=\"GREENHOUSE\"} 1.0");
        assertThat(text).contains("atsbridge_webhooks_latency_seconds_count{connection=\"gh-metrics\",vendor=\"GREENHOUSE\"} 2");
        assertThat(text).contains("# TYPE atsbridge_webhooks_latency_seconds summary");
        assertThat(text).doesNotContain(SECRET).doesNotContain("evt-m-1");
    }

    @Test
    void theEndpointIsOffWhenMetricsAreDisabled() throws Exception {
        try (ApplicationContext context = ApplicationContext.run(EmbeddedServer.class, Map.of(
                "micronaut.server.port", "-1",
                "atsbridge.gateway.metrics.enabled", "false",
                "atsbridge.client.token", "gateway-token-0123456789",
                "atsbridge.peers.adapter.address", "127.0.0.1:" + adapter.getPort()), "gateway").getApplicationContext()) {
            EmbeddedServer off = context.getBean(EmbeddedServer.class);
            HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + off.getPort()
                    + "/metrics")).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(metrics.statusCode()).isEqualTo(404);
            assertThat(metrics.body()).doesNotContain("atsbridge_webhooks");
        }
    }

    @Test
    void withATokenConfiguredAScrapeMustPresentIt() throws Exception {
        String token = "metrics-token-0123456789";
        try (ApplicationContext context = ApplicationContext.run(EmbeddedServer.class, Map.of(
                "micronaut.server.port", "-1",
                "atsbridge.gateway.metrics.token", token,
                "atsbridge.client.token", "gateway-token-0123456789",
                "atsbridge.peers.adapter.address", "127.0.0.1:" + adapter.getPort()), "gateway").getApplicationContext()) {
            URI uri = URI.create("http://127.0.0.1:" + context.getBean(EmbeddedServer.class).getPort() + "/metrics");

            HttpResponse<String> missing = http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(missing.statusCode()).isEqualTo(401);
            assertThat(missing.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
            assertThat(missing.body()).contains("\"reason\":\"METRICS_TOKEN_MISSING\"").doesNotContain("atsbridge_webhooks");

            HttpResponse<String> wrong = http.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token + "x")
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(wrong.statusCode()).isEqualTo(401);
            assertThat(wrong.body()).contains("\"reason\":\"METRICS_TOKEN_WRONG\"").doesNotContain(token);

            HttpResponse<String> right = http.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token)
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(right.statusCode()).isEqualTo(200);
            assertThat(right.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                    assertThat(type).startsWith("text/plain").contains("version=0.0.4"));
        }
    }

    private HttpResponse<String> webhook(String connection, byte[] body, String signature, String eventId) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.getPort() + "/webhooks/" + connection))
                        .timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/json")
                        .header("Greenhouse-Event-ID", eventId)
                        .header("Signature", signature)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] hmac(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Server start() {
        try {
            return NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                    .addService(new WebhookControllerTest.FakeAdapter()).build().start();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
