package io.atsbridge.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.atsbridge.platform.startup.MissingConfigurationException;
import io.atsbridge.platform.testing.TestCertificates;
import io.atsbridge.platform.testing.TestPorts;
import io.atsbridge.proto.access.v1.AccessServiceGrpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.services.HealthStatusManager;
import io.micronaut.context.ApplicationContext;
import io.micronaut.grpc.server.GrpcEmbeddedServer;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The gateway's readiness and liveness over real HTTP, against a real gRPC server standing in for
 * adapter-service: platform-kit's own server (authentication with configured tokens, AccessService,
 * standard health), so the adapter's answers are the ones a deployed adapter gives. Each case starts a
 * gateway with the token and address it is about.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HealthControllerTest {

    /** Holds role gateway on the adapter: what a correctly deployed gateway has. */
    private static final String GATEWAY_TOKEN = "gateway-token-0123456789";
    /** Accepted by the adapter, but without role gateway. */
    private static final String PLAIN_SERVICE_TOKEN = "plain-service-token-0123456789";
    /** Configured nowhere on the adapter. */
    private static final String UNKNOWN_TOKEN = "unknown-token-0123456789abc";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final ObjectMapper mapper = new ObjectMapper();
    private final AtomicInteger accessChecks = new AtomicInteger();

    private ApplicationContext adapter;
    private String adapterAddress;

    @BeforeAll
    void startAdapter() {
        ServerInterceptor countAccessChecks = new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
                if (call.getMethodDescriptor().getFullMethodName().equals(AccessServiceGrpc.getCheckAccessMethod().getFullMethodName())) {
                    accessChecks.incrementAndGet();
                }
                return next.startCall(call, headers);
            }
        };
        Map<String, Object> properties = new HashMap<>();
        properties.put("atsbridge.service.name", "adapter-service");
        properties.put("grpc.server.port", TestPorts.freeText());
        properties.put("atsbridge.auth.tokens.edge-gateway.secret", GATEWAY_TOKEN);
        properties.put("atsbridge.auth.tokens.edge-gateway.tenants", "*");
        properties.put("atsbridge.auth.tokens.edge-gateway.roles", "service,gateway");
        properties.put("atsbridge.auth.tokens.worker.secret", PLAIN_SERVICE_TOKEN);
        properties.put("atsbridge.auth.tokens.worker.tenants", "*");
        properties.put("atsbridge.auth.tokens.worker.roles", "service");
        adapter = ApplicationContext.builder().deduceEnvironment(false).properties(properties)
                .singletons(countAccessChecks).start();
        GrpcEmbeddedServer server = adapter.getBean(GrpcEmbeddedServer.class);
        server.start();
        adapterAddress = "127.0.0.1:" + server.getPort();
    }

    @AfterAll
    void stopAdapter() {
        adapter.close();
    }

    @Test
    void readyWhenTheAdapterServesAndAcceptsTheTokenWithItsRole() throws Exception {
        try (ApplicationContext gateway = startGateway(GATEWAY_TOKEN, adapterAddress, "1s")) {
            HttpResponse<String> response = get(gateway, "/health");

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode body = mapper.readTree(response.body());
            assertThat(body.get("status").asText()).isEqualTo("UP");
            assertThat(body.at("/peers/adapter/status").asText()).isEqualTo("READY");
            assertThat(body.at("/peers/adapter").has("detail")).as("nothing to fix").isFalse();
            assertLive(gateway);
        }
    }

    @Test
    void aTokenTheAdapterRefusesIsTokenRefusedAndNeverShown() throws Exception {
        try (ApplicationContext gateway = startGateway(UNKNOWN_TOKEN, adapterAddress, "1s")) {
            HttpResponse<String> response = get(gateway, "/health");

            assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
            JsonNode body = mapper.readTree(response.body());
            assertThat(body.get("status").asText()).isEqualTo("DOWN");
            assertThat(body.at("/peers/adapter/status").asText()).isEqualTo("TOKEN_REFUSED");
            assertThat(body.at("/peers/adapter/detail").asText())
                    .isEqualTo("adapter-service refuses the gateway's token (UNAUTHENTICATED TOKEN_INVALID): set "
                            + "ATSBRIDGE_CLIENT_TOKEN to a token adapter-service is configured with (its "
                            + "ATSBRIDGE_AUTH_TOKENS_<CALLER>_SECRET)");
            assertThat(response.body()).doesNotContain(UNKNOWN_TOKEN).doesNotContain(adapterAddress);
            assertLive(gateway);
        }
    }

    @Test
    void aTokenWithoutTheGatewayRoleIsRoleMissing() throws Exception {
        try (ApplicationContext gateway = startGateway(PLAIN_SERVICE_TOKEN, adapterAddress, "1s")) {
            HttpResponse<String> response = get(gateway, "/health");

            assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
            JsonNode body = mapper.readTree(response.body());
            assertThat(body.at("/peers/adapter/status").asText()).isEqualTo("ROLE_MISSING");
            assertThat(body.at("/peers/adapter/missingRoles").toString()).isEqualTo("[\"gateway\"]");
            assertThat(body.at("/peers/adapter/detail").asText())
                    .isEqualTo("the gateway's token (caller 'worker') lacks role gateway on adapter-service: add it to "
                            + "ATSBRIDGE_AUTH_TOKENS_WORKER_ROLES there");
            assertThat(response.body()).doesNotContain(PLAIN_SERVICE_TOKEN);
            assertLive(gateway);
        }
    }

    @Test
    void anAdapterNobodyAnswersForIsUnreachable() throws Exception {
        try (ApplicationContext gateway = startGateway(GATEWAY_TOKEN, "127.0.0.1:" + TestPorts.free(), "1s")) {
            HttpResponse<String> response = get(gateway, "/health");

            assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
            JsonNode body = mapper.readTree(response.body());
            assertThat(body.at("/peers/adapter/status").asText()).isEqualTo("UNREACHABLE");
            assertThat(body.at("/peers/adapter/detail").asText())
                    .isEqualTo("adapter-service did not answer (UNAVAILABLE): check that it runs and that "
                            + "ATSBRIDGE_PEERS_ADAPTER_ADDRESS points at it");
            assertLive(gateway);
        }
    }

    @Test
    void anAdapterNotServingMakesTheGatewayUnreadyUntilItServesAgain() throws Exception {
        HealthStatusManager adapterHealth = adapter.getBean(HealthStatusManager.class);
        try (ApplicationContext gateway = startGateway(GATEWAY_TOKEN, adapterAddress, "200ms")) {
            assertThat(get(gateway, "/health").statusCode()).isEqualTo(200);

            adapterHealth.setStatus("", ServingStatus.NOT_SERVING);
            await("readiness 503 while the adapter is NOT_SERVING").atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                HttpResponse<String> response = get(gateway, "/health");
                assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
                assertThat(mapper.readTree(response.body()).at("/peers/adapter/status").asText()).isEqualTo("NOT_SERVING");
            });
            assertLive(gateway);

            adapterHealth.setStatus("", ServingStatus.SERVING);
            await("readiness 200 once the adapter serves again").atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(get(gateway, "/health").statusCode()).isEqualTo(200));
        } finally {
            adapterHealth.setStatus("", ServingStatus.SERVING);
        }
    }

    @Test
    void probesInQuickSuccessionCostTheAdapterOneCheck() throws Exception {
        try (ApplicationContext gateway = startGateway(GATEWAY_TOKEN, adapterAddress, "1m")) {
            int before = accessChecks.get();
            for (int i = 0; i < 5; i++) {
                assertThat(get(gateway, "/health").statusCode()).isEqualTo(200);
            }
            assertThat(accessChecks.get() - before).isEqualTo(1);
        }
    }

    @Test
    void missingAdapterAddressOrTokenFailsStartWithOneLine() {
        assertThatThrownBy(() -> ApplicationContext.builder().environments("gateway")
                .properties(Map.of("atsbridge.client.token", GATEWAY_TOKEN,
                        "atsbridge.peers.adapter.address", ""))
                .start())
                .hasRootCauseInstanceOf(MissingConfigurationException.class)
                .rootCause().hasMessage("no adapter-service address: set ATSBRIDGE_PEERS_ADAPTER_ADDRESS (host:port)");
        assertThatThrownBy(() -> ApplicationContext.builder().environments("gateway")
                .properties(Map.of("atsbridge.client.token", "",
                        "atsbridge.peers.adapter.address", adapterAddress))
                .start())
                .hasRootCauseInstanceOf(MissingConfigurationException.class)
                .rootCause().hasMessage("no token for calling adapter-service: set ATSBRIDGE_CLIENT_TOKEN");
    }

    @Test
    void readyThroughMutualTlsWithTheChartsSettingsAndUnreachableInPlaintext(@TempDir Path files) throws Exception {
        // As the Helm chart deploys them: the adapter's port on mutual TLS, the gateway calling it with the CA and its
        // own certificate (ATSBRIDGE_TLS_CLIENT_*), its readiness check going through the same peer channel.
        TestCertificates authority = TestCertificates.authority("atsbridge-ca");
        Path ca = authority.write(files);
        TestCertificates adapterCertificate = authority.issue("adapter");
        Path adapterCrt = adapterCertificate.write(files);
        TestCertificates gatewayCertificate = authority.issue("gateway");
        Path gatewayCrt = gatewayCertificate.write(files);

        Map<String, Object> properties = new HashMap<>();
        properties.put("atsbridge.service.name", "adapter-service");
        properties.put("grpc.server.port", TestPorts.freeText());
        properties.put("atsbridge.auth.tokens.edge-gateway.secret", GATEWAY_TOKEN);
        properties.put("atsbridge.auth.tokens.edge-gateway.tenants", "*");
        properties.put("atsbridge.auth.tokens.edge-gateway.roles", "gateway");
        properties.put("atsbridge.tls.server.cert-chain", adapterCrt.toString());
        properties.put("atsbridge.tls.server.private-key", adapterCertificate.key(files).toString());
        properties.put("atsbridge.tls.server.client-ca", ca.toString());
        try (ApplicationContext tlsAdapter = ApplicationContext.builder().deduceEnvironment(false).properties(properties).start()) {
            GrpcEmbeddedServer server = tlsAdapter.getBean(GrpcEmbeddedServer.class);
            server.start();
            String address = "localhost:" + server.getPort();
            Map<String, String> tls = Map.of("atsbridge.tls.client.ca", ca.toString(),
                    "atsbridge.tls.client.cert-chain", gatewayCrt.toString(),
                    "atsbridge.tls.client.private-key", gatewayCertificate.key(files).toString());
            try (ApplicationContext gateway = startGateway(GATEWAY_TOKEN, address, "1s", tls)) {
                HttpResponse<String> response = get(gateway, "/health");
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                assertThat(mapper.readTree(response.body()).at("/peers/adapter/status").asText()).isEqualTo("READY");
            }
            try (ApplicationContext plaintext = startGateway(GATEWAY_TOKEN, address, "1s")) {
                HttpResponse<String> response = get(plaintext, "/health");
                assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
                assertThat(mapper.readTree(response.body()).at("/peers/adapter/status").asText()).isEqualTo("UNREACHABLE");
            }
        }
    }

    private ApplicationContext startGateway(String token, String adapterAddress, String cacheFor) {
        return startGateway(token, adapterAddress, cacheFor, Map.of());
    }

    private ApplicationContext startGateway(String token, String adapterAddress, String cacheFor, Map<String, String> more) {
        Map<String, Object> properties = new HashMap<>(more);
        properties.put("micronaut.server.port", TestPorts.freeText());
        properties.put("atsbridge.client.token", token);
        properties.put("atsbridge.peers.adapter.address", adapterAddress);
        properties.put("atsbridge.gateway.readiness.cache-for", cacheFor);
        ApplicationContext gateway = ApplicationContext.builder().environments("gateway").properties(properties).start();
        gateway.getBean(EmbeddedServer.class).start();
        return gateway;
    }

    private void assertLive(ApplicationContext gateway) throws Exception {
        HttpResponse<String> live = get(gateway, "/health/live");
        assertThat(live.statusCode()).as(live.body()).isEqualTo(200);
        assertThat(mapper.readTree(live.body()).get("status").asText()).isEqualTo("UP");
    }

    private HttpResponse<String> get(ApplicationContext gateway, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.getBean(EmbeddedServer.class).getPort() + path))
                        .timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
