package io.atsbridge.gateway.http;

import io.atsbridge.platform.testing.TestPorts;
import io.atsbridge.platform.startup.MissingConfigurationException;
import io.grpc.Server;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@MicronautTest(environments = "gateway")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HealthControllerTest implements TestPropertyProvider {

    private final HealthStatusManager adapterHealth = new HealthStatusManager();
    private final Server adapter = startHealthServer(adapterHealth);
    private final int closedPort = TestPorts.free();

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
    void healthIsUpWhenEveryServiceServesAndDownOtherwise() throws Exception {
        adapterHealth.setStatus("", ServingStatus.SERVING);
        HttpResponse<String> up = get("/health");
        assertThat(up.statusCode()).as(up.body()).isEqualTo(200);
        assertThat(up.body()).contains("\"status\":\"UP\"").contains("\"adapter\":\"SERVING\"");

        adapterHealth.setStatus("", ServingStatus.NOT_SERVING);
        HttpResponse<String> down = get("/health");
        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(down.body()).contains("\"status\":\"DOWN\"").contains("\"adapter\":\"NOT_SERVING\"");
    }

    @Test
    void unreachableServiceMakesHealthDown() {
        try (ApplicationContext context = ApplicationContext.builder()
                .environments("gateway")
                .properties(Map.of(
                        "micronaut.server.port", "-1",
                        "atsbridge.client.token", "gateway-token-0123456789",
                        "atsbridge.peers.adapter.address", "127.0.0.1:" + closedPort))
                .start()) {
            EmbeddedServer server = context.getBean(EmbeddedServer.class).start();
            HttpResponse<String> response = get(server, "/health");
            assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
            assertThat(response.body()).contains("\"adapter\":\"UNREACHABLE\"");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void missingAdapterAddressOrTokenFailsStartWithOneLine() {
        assertThatThrownBy(() -> ApplicationContext.builder().environments("gateway")
                .properties(Map.of("atsbridge.client.token", "gateway-token-0123456789",
                        "atsbridge.peers.adapter.address", ""))
                .start())
                .hasRootCauseInstanceOf(MissingConfigurationException.class)
                .rootCause().hasMessage("no adapter-service address: set ATSBRIDGE_PEERS_ADAPTER_ADDRESS (host:port)");
        assertThatThrownBy(() -> ApplicationContext.builder().environments("gateway")
                .properties(Map.of("atsbridge.client.token", "",
                        "atsbridge.peers.adapter.address", "127.0.0.1:" + closedPort))
                .start())
                .hasRootCauseInstanceOf(MissingConfigurationException.class)
                .rootCause().hasMessage("no token for calling adapter-service: set ATSBRIDGE_CLIENT_TOKEN");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return get(gateway, path);
    }

    private static HttpResponse<String> get(EmbeddedServer server, String path) throws Exception {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getPort() + path))
                        .timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static Server startHealthServer(HealthStatusManager health) {
        try {
            return NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                    .addService(health.getHealthService()).build().start();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
