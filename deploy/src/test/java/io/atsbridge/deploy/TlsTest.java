package io.atsbridge.deploy;

import io.atsbridge.deploy.Chart.Rendered;
import io.atsbridge.deploy.Chart.Variant;
import io.atsbridge.platform.tls.TlsContexts;
import io.atsbridge.platform.tls.TlsSettings;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.atsbridge.deploy.Chart.COMPONENTS;
import static io.atsbridge.deploy.Chart.FULLNAME;
import static io.atsbridge.deploy.Chart.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * TLS between the services, on by default: every component mounts its certificate read-only from a Secret (the
 * chart's generated ones by default, cert-manager's, or existing ones), and the generated certificates really work:
 * a server on one and a caller checking it against the CA for the Service name complete a gRPC call, also with
 * mutual TLS, the way the services read them (platform-kit's {@link TlsContexts}).
 */
class TlsTest {

    private static final String MOUNT = "/etc/atsbridge-tls";

    @TempDir
    Path files;

    @Test
    void byDefaultTheChartGeneratesACaAndOneCertificatePerServiceForItsServiceNames() throws Exception {
        Rendered rendered = Chart.render(Variant.DEFAULTS);
        Map<String, Object> ca = rendered.get("Secret", FULLNAME + "-tls-ca");
        assertThat(Nodes.string(ca, "type")).isEqualTo("kubernetes.io/tls");
        X509Certificate authority = certificate(Nodes.string(ca, "data", "tls.crt"));
        assertThat(authority.getBasicConstraints()).as("the CA is a CA").isGreaterThanOrEqualTo(0);

        for (String component : COMPONENTS) {
            String name = FULLNAME + "-" + component;
            Map<String, Object> secret = rendered.get("Secret", name + "-tls");
            assertThat(Nodes.string(secret, "type")).isEqualTo("kubernetes.io/tls");
            assertThat(Nodes.map(secret, "data")).containsOnlyKeys("tls.crt", "tls.key", "ca.crt");
            assertThat(Nodes.string(secret, "data", "ca.crt")).isEqualTo(Nodes.string(ca, "data", "tls.crt"));

            X509Certificate leaf = certificate(Nodes.string(secret, "data", "tls.crt"));
            leaf.verify(authority.getPublicKey());
            assertThat(dnsNames(leaf)).as(component).containsExactly(name, name + "." + NAMESPACE,
                    name + "." + NAMESPACE + ".svc", name + "." + NAMESPACE + ".svc.cluster.local");
            // Server and client: the same certificate identifies a service when it calls its peers (mutual TLS).
            assertThat(leaf.getExtendedKeyUsage()).as(component)
                    .contains("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2");
            assertMountsReadOnly(rendered, component, name + "-tls");
        }
        assertThat(rendered.ofKind("Certificate")).isEmpty();
    }

    @Test
    void aCallerReachesAServiceOnTheGeneratedCertificatesOverTlsAndMutualTls() throws Exception {
        Rendered rendered = Chart.render(Variant.DEFAULTS, "--set", "tls.mutual=true");
        Path audit = write(rendered, "audit");
        Path identity = write(rendered, "identity");

        HealthStatusManager health = new HealthStatusManager();
        TlsSettings.Server serverFiles = new TlsSettings.Server(audit.resolve("tls.crt"), audit.resolve("tls.key"),
                audit.resolve("ca.crt"));
        Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .sslContext(TlsContexts.server(serverFiles).orElseThrow())
                .addService(health.getHealthService()).build().start();
        try {
            // identity calls audit by its Service name, as ATSBRIDGE_PEERS_AUDIT_ADDRESS says.
            TlsSettings.Client identityAsCaller = new TlsSettings.Client(identity.resolve("ca.crt"),
                    identity.resolve("tls.crt"), identity.resolve("tls.key"));
            assertThat(check(server, FULLNAME + "-audit", identityAsCaller)).isEqualTo(ServingStatus.SERVING);

            // Without its certificate the caller is refused by mutual TLS; under another name it refuses the server.
            TlsSettings.Client withoutCertificate = new TlsSettings.Client(identity.resolve("ca.crt"), null, null);
            assertThatThrownBy(() -> check(server, FULLNAME + "-audit", withoutCertificate))
                    .isInstanceOfSatisfying(StatusRuntimeException.class,
                            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
            assertThatThrownBy(() -> check(server, FULLNAME + "-identity", identityAsCaller))
                    .isInstanceOfSatisfying(StatusRuntimeException.class,
                            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
        } finally {
            server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void withCertManagerEachServiceGetsACertificateForItsServiceNamesFromTheIssuer() {
        Rendered rendered = Chart.render(Variant.ALL_FEATURES);
        Map<String, Map<String, Object>> certificates = rendered.byComponent("Certificate");
        assertThat(certificates).containsOnlyKeys(COMPONENTS);
        for (String component : COMPONENTS) {
            String name = FULLNAME + "-" + component;
            Map<String, Object> certificate = certificates.get(component);
            assertThat(Nodes.string(certificate, "apiVersion")).isEqualTo("cert-manager.io/v1");
            assertThat(Nodes.string(certificate, "metadata", "name")).isEqualTo(name);
            assertThat(Nodes.string(certificate, "spec", "secretName")).isEqualTo(name + "-tls");
            assertThat(Nodes.list(certificate, "spec", "dnsNames")).as(component).containsExactly(name,
                    name + "." + NAMESPACE, name + "." + NAMESPACE + ".svc", name + "." + NAMESPACE + ".svc.cluster.local");
            assertThat(Nodes.list(certificate, "spec", "usages")).contains("server auth", "client auth");
            assertThat(Nodes.map(certificate, "spec", "issuerRef")).isEqualTo(Map.of(
                    "name", "atsbridge-ca", "kind", "ClusterIssuer", "group", "cert-manager.io"));
            assertThat(Nodes.string(certificate, "spec", "privateKey", "encoding")).isEqualTo("PKCS8");
            assertThat(Nodes.string(certificate, "spec", "duration")).isEqualTo("2160h");
            assertThat(Nodes.string(certificate, "spec", "renewBefore")).isEqualTo("360h");
            assertMountsReadOnly(rendered, component, name + "-tls");
        }
        assertThat(rendered.ofKind("Secret")).as("cert-manager writes the certificates' Secrets")
                .noneMatch(s -> Nodes.string(s, "metadata", "name").contains("-tls"));
    }

    @Test
    void existingSecretsAreMountedByTheirNamesAndNothingIsGenerated() {
        Rendered rendered = Chart.render(Variant.EXISTING_SECRETS);
        for (String component : COMPONENTS) {
            assertMountsReadOnly(rendered, component, "atsbridge-" + component + "-tls");
        }
        assertThat(rendered.ofKind("Certificate")).isEmpty();
        assertThat(rendered.ofKind("Secret")).isEmpty();

        Rendered renamed = Chart.render(Variant.EXISTING_SECRETS, "--set", "tls.existingSecrets.audit=audit-from-vault");
        assertMountsReadOnly(renamed, "audit", "audit-from-vault");
        assertMountsReadOnly(renamed, "identity", "atsbridge-identity-tls");
    }

    private static void assertMountsReadOnly(Rendered rendered, String component, String secretName) {
        Map<String, Object> pod = Nodes.map(rendered.deployment(component), "spec", "template", "spec");
        Map<String, Object> container = Nodes.maps(pod, "containers").get(0);
        Map<String, Object> mount = Nodes.maps(container, "volumeMounts").stream()
                .filter(m -> MOUNT.equals(m.get("mountPath"))).findFirst()
                .orElseThrow(() -> new AssertionError(component + " mounts nothing at " + MOUNT));
        assertThat(mount.get("readOnly")).as(component).isEqualTo(true);
        Map<String, Object> volume = Nodes.maps(pod, "volumes").stream().filter(v -> mount.get("name").equals(v.get("name")))
                .findFirst().orElseThrow();
        assertThat(Nodes.string(volume, "secret", "secretName")).as(component).isEqualTo(secretName);
        assertThat(Nodes.maps(volume, "secret", "items").stream().map(i -> i.get("key")).toList()).as(component)
                .containsExactlyInAnyOrder("tls.crt", "tls.key", "ca.crt");
    }

    private ServingStatus check(Server server, String authority, TlsSettings.Client client) throws InterruptedException {
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", server.getPort())
                .overrideAuthority(authority)
                .sslContext(TlsContexts.client(client).orElseThrow())
                .build();
        try {
            return HealthGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
                    .check(HealthCheckRequest.getDefaultInstance()).getStatus();
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    /** A component's TLS Secret written as the files its pod sees at /etc/atsbridge-tls. */
    private Path write(Rendered rendered, String component) throws IOException {
        Path directory = Files.createDirectories(files.resolve(component));
        Map<String, Object> data = Nodes.map(rendered.get("Secret", FULLNAME + "-" + component + "-tls"), "data");
        for (String key : List.of("tls.crt", "tls.key", "ca.crt")) {
            Files.write(directory.resolve(key), Base64.getDecoder().decode(String.valueOf(data.get(key))));
        }
        return directory;
    }

    private static X509Certificate certificate(String base64) throws CertificateException {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(base64)));
    }

    private static List<String> dnsNames(X509Certificate certificate) throws CertificateException {
        List<String> names = new ArrayList<>();
        for (List<?> entry : certificate.getSubjectAlternativeNames()) {
            if (Integer.valueOf(2).equals(entry.get(0))) {
                names.add(String.valueOf(entry.get(1)));
            }
        }
        return names;
    }
}
