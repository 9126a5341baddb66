package io.atsbridge.platform.tls;

import io.atsbridge.platform.client.PeerChannels;
import io.atsbridge.platform.testing.TestCalls;
import io.atsbridge.platform.testing.TestCertificates;
import io.atsbridge.platform.testing.TestPorts;
import io.atsbridge.proto.access.v1.AccessServiceGrpc;
import io.atsbridge.proto.access.v1.CheckAccessRequest;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyChannelBuilder;
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
 * A service's gRPC server on mutual TLS with certificates made at test time: a peer calling through
 * {@link PeerChannels} with its client certificate gets through; a client without a certificate, with one from
 * another CA, or in plaintext is refused before any call reaches the service.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServiceTlsTest {

    @TempDir
    static Path files;

    private ApplicationContext service;
    private ApplicationContext peer;
    private int port;
    private Path ca;
    private Path clientCrt;
    private Path clientKey;

    @BeforeAll
    void start() {
        TestCertificates authority = TestCertificates.authority("atsbridge-test-ca");
        ca = authority.write(files);
        TestCertificates server = authority.issue("identity-service");
        Path serverCrt = server.write(files);
        TestCertificates client = authority.issue("adapter-service");
        clientCrt = client.write(files);
        clientKey = client.key(files);

        port = TestPorts.free();
        Map<String, Object> properties = new HashMap<>(TestCalls.authProperties());
        properties.put("atsbridge.service.name", "probe-service");
        properties.put("grpc.server.port", port);
        properties.put("atsbridge.tls.server.cert-chain", serverCrt.toString());
        properties.put("atsbridge.tls.server.private-key", server.key(files).toString());
        properties.put("atsbridge.tls.server.client-ca", ca.toString());
        service = ApplicationContext.run(properties);
        service.getBean(GrpcEmbeddedServer.class).start();

        peer = ApplicationContext.builder().properties(Map.of(
                "grpc.server.enabled", "false",
                "atsbridge.client.token", TestCalls.TOKEN,
                "atsbridge.peers.probe.address", "localhost:" + port,
                "atsbridge.tls.client.ca", ca.toString(),
                "atsbridge.tls.client.cert-chain", clientCrt.toString(),
                "atsbridge.tls.client.private-key", clientKey.toString())).start();
    }

    @AfterAll
    void stop() {
        if (peer != null) {
            peer.close();
        }
        if (service != null) {
            service.close();
        }
    }

    @Test
    void aPeerWithItsClientCertificateGetsThrough() {
        var response = peer.getBean(PeerChannels.class).stub("probe", AccessServiceGrpc::newBlockingStub)
                .checkAccess(CheckAccessRequest.getDefaultInstance());
        assertThat(response.getCallerName()).isEqualTo("tester");
    }

    @Test
    void aClientWithoutACertificateOrWithAnotherCasOrInPlaintextIsRefused() throws Exception {
        assertRefused(NettyChannelBuilder.forAddress("localhost", port)
                .sslContext(GrpcSslContexts.forClient().trustManager(ca.toFile()).build()).build(), "no client certificate");

        Path elsewhere = files.resolve("other");
        TestCertificates stranger = TestCertificates.authority("another-ca").issue("intruder");
        Path strangerCrt = stranger.write(elsewhere);
        assertRefused(NettyChannelBuilder.forAddress("localhost", port)
                .sslContext(GrpcSslContexts.forClient().trustManager(ca.toFile())
                        .keyManager(strangerCrt.toFile(), stranger.key(elsewhere).toFile()).build()).build(),
                "a certificate from another CA");

        assertRefused(NettyChannelBuilder.forAddress("localhost", port).usePlaintext().build(), "plaintext");
    }

    private void assertRefused(ManagedChannel channel, String why) throws InterruptedException {
        try {
            assertThatThrownBy(() -> TestCalls.as(AccessServiceGrpc.newBlockingStub(channel), TestCalls.TOKEN, null)
                    .checkAccess(CheckAccessRequest.getDefaultInstance()))
                    .as(why)
                    .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
                        // Refused by the TLS handshake of a server that is up, not for want of a server.
                        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                            assertThat(cause).isNotInstanceOf(java.net.ConnectException.class);
                        }
                    });
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
