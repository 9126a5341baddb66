package io.atsbridge.platform.health;

import io.atsbridge.platform.testing.TestCalls;
import io.atsbridge.platform.testing.TestCertificates;
import io.atsbridge.platform.testing.TestPorts;
import io.atsbridge.proto.access.v1.AccessServiceGrpc;
import io.atsbridge.proto.access.v1.CheckAccessRequest;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.micronaut.context.ApplicationContext;
import io.micronaut.grpc.server.GrpcEmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A service whose main port speaks mutual TLS answers Kubernetes-style plaintext health checks on its separate
 * health port ({@code atsbridge.health.port}), from the same health status as the main server, and serves nothing
 * else there.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HealthPortTest {

    @TempDir
    static Path files;

    private ApplicationContext service;
    private int port;
    private int healthPort;
    private Path ca;
    private ManagedChannel health;

    @BeforeAll
    void start() {
        TestCertificates authority = TestCertificates.authority("atsbridge-test-ca");
        ca = authority.write(files);
        TestCertificates server = authority.issue("probe-service");
        Path serverCrt = server.write(files);

        port = TestPorts.free();
        healthPort = TestPorts.free();
        Map<String, Object> properties = new HashMap<>(TestCalls.authProperties());
        properties.put("atsbridge.service.name", "probe-service");
        properties.put("grpc.server.port", port);
        properties.put("atsbridge.tls.server.cert-chain", serverCrt.toString());
        properties.put("atsbridge.tls.server.private-key", server.key(files).toString());
        properties.put("atsbridge.tls.server.client-ca", ca.toString());
        properties.put("atsbridge.health.port", healthPort);
        service = ApplicationContext.run(properties);
        service.getBean(GrpcEmbeddedServer.class).start();
        health = TestCalls.channel(healthPort);
    }

    @AfterAll
    void stop() throws InterruptedException {
        if (health != null) {
            TestCalls.close(health);
        }
        if (service != null) {
            service.close();
        }
    }

    private ServingStatus check(String name) {
        return HealthGrpc.newBlockingStub(health).withDeadlineAfter(5, TimeUnit.SECONDS)
                .check(HealthCheckRequest.newBuilder().setService(name).build()).getStatus();
    }

    @Test
    void readinessAndLivenessAnswerInPlaintextWithoutAToken() {
        assertThat(check(HealthNames.READINESS)).isEqualTo(ServingStatus.SERVING);
        assertThat(check(HealthNames.LIVENESS)).isEqualTo(ServingStatus.SERVING);
    }

    @Test
    void theHealthPortFollowsTheMainServersHealthStatus() {
        HealthStatusManager manager = service.getBean(HealthStatusManager.class);
        manager.setStatus("atsbridge.test.Marker", ServingStatus.NOT_SERVING);
        assertThat(check("atsbridge.test.Marker")).isEqualTo(ServingStatus.NOT_SERVING);
        manager.setStatus("atsbridge.test.Marker", ServingStatus.SERVING);
        assertThat(check("atsbridge.test.Marker")).isEqualTo(ServingStatus.SERVING);
        manager.clearStatus("atsbridge.test.Marker");
    }

    @Test
    void nothingButHealthIsServedOnIt() throws Exception {
        assertThatThrownBy(() -> TestCalls.as(AccessServiceGrpc.newBlockingStub(health), TestCalls.TOKEN, null)
                .checkAccess(CheckAccessRequest.getDefaultInstance()))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNIMPLEMENTED));
        assertThatThrownBy(() -> TestCalls.listServices(health))
                .hasRootCauseInstanceOf(StatusRuntimeException.class)
                .rootCause().satisfies(e -> assertThat(((StatusRuntimeException) e).getStatus().getCode())
                        .isEqualTo(Status.Code.UNIMPLEMENTED));
    }

    @Test
    void theMainPortStaysOnMutualTlsOnly() throws Exception {
        assertRefused(TestCalls.channel(port), "plaintext");
        assertRefused(NettyChannelBuilder.forAddress("localhost", port)
                .sslContext(GrpcSslContexts.forClient().trustManager(ca.toFile()).build()).build(), "no client certificate");
    }

    private static void assertRefused(ManagedChannel channel, String why) throws InterruptedException {
        try {
            assertThatThrownBy(() -> HealthGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS)
                    .check(HealthCheckRequest.getDefaultInstance()))
                    .as(why)
                    .isInstanceOfSatisfying(StatusRuntimeException.class,
                            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
