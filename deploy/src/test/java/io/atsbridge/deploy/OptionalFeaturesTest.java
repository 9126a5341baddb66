package io.atsbridge.deploy;

import io.atsbridge.deploy.Chart.Rendered;
import io.atsbridge.deploy.Chart.Variant;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static io.atsbridge.deploy.Chart.FULLNAME;
import static org.assertj.core.api.Assertions.assertThat;

/** The optional parts: Ingress with TLS, ServiceMonitor, the adapter's declaration file, existing Secrets. */
class OptionalFeaturesTest {

    @Test
    void theDefaultsRenderNoOptionalObjects() {
        Rendered rendered = Chart.render(Variant.DEFAULTS);

        assertThat(rendered.ofKind("Ingress")).isEmpty();
        assertThat(rendered.ofKind("ServiceMonitor")).isEmpty();
        assertThat(rendered.ofKind("HorizontalPodAutoscaler")).isEmpty();
        assertThat(rendered.objects().stream().map(o -> Nodes.string(o, "kind")).distinct())
                .containsExactlyInAnyOrder("NetworkPolicy", "ServiceAccount", "Secret", "Service", "Deployment",
                        "PodDisruptionBudget");
    }

    @Test
    void theServiceAccountHoldsNoApiToken() {
        Rendered rendered = Chart.render(Variant.DEFAULTS);
        Map<String, Object> account = rendered.get("ServiceAccount", FULLNAME);

        assertThat(account.get("automountServiceAccountToken")).isEqualTo(false);
        for (String component : Chart.COMPONENTS) {
            assertThat(Nodes.string(rendered.deployment(component), "spec", "template", "spec", "serviceAccountName"))
                    .isEqualTo(FULLNAME);
        }
    }

    @Test
    void theIngressExposesOnlyTheWebhookAndPartnerPathsOverTls() {
        Map<String, Object> ingress = Chart.render(Variant.ALL_FEATURES).get("Ingress", FULLNAME + "-gateway");

        assertThat(Nodes.string(ingress, "apiVersion")).isEqualTo("networking.k8s.io/v1");
        assertThat(Nodes.string(ingress, "spec", "ingressClassName")).isEqualTo("nginx");
        assertThat(Nodes.maps(ingress, "spec", "tls")).containsExactly(Map.of(
                "hosts", List.of("atsbridge.test.example"), "secretName", FULLNAME + "-gateway-tls"));
        List<Map<String, Object>> rules = Nodes.maps(ingress, "spec", "rules");
        assertThat(rules).hasSize(1);
        assertThat(rules.get(0).get("host")).isEqualTo("atsbridge.test.example");
        List<Map<String, Object>> paths = Nodes.maps(rules.get(0), "http", "paths");
        assertThat(paths).extracting(p -> p.get("path")).containsExactly("/webhooks", "/partners");
        for (Map<String, Object> path : paths) {
            assertThat(path.get("pathType")).isEqualTo("Prefix");
            assertThat(Nodes.map(path, "backend", "service"))
                    .isEqualTo(Map.of("name", FULLNAME + "-gateway", "port", Map.of("name", "http")));
        }
        assertThat(Nodes.map(ingress, "metadata", "annotations")).containsEntry("cert-manager.io/cluster-issuer", "letsencrypt");
    }

    @Test
    void theServiceMonitorScrapesTheGatewayWithTheMetricsToken() {
        Rendered rendered = Chart.render(Variant.ALL_FEATURES);
        Map<String, Object> monitor = rendered.get("ServiceMonitor", FULLNAME + "-gateway");

        assertThat(Nodes.string(monitor, "apiVersion")).isEqualTo("monitoring.coreos.com/v1");
        assertThat(Nodes.map(monitor, "metadata", "labels")).containsEntry("release", "prometheus");
        assertThat(Nodes.map(monitor, "spec", "selector", "matchLabels"))
                .isEqualTo(Nodes.map(rendered.byComponent("Service").get("gateway"), "spec", "selector"));
        List<Map<String, Object>> endpoints = Nodes.maps(monitor, "spec", "endpoints");
        assertThat(endpoints).hasSize(1);
        Map<String, Object> endpoint = endpoints.get(0);
        assertThat(endpoint).containsEntry("port", "http").containsEntry("path", "/metrics");
        assertThat(Nodes.string(endpoint, "authorization", "type")).isEqualTo("Bearer");
        String secret = Nodes.string(endpoint, "authorization", "credentials", "name");
        String key = Nodes.string(endpoint, "authorization", "credentials", "key");
        assertThat(Nodes.map(rendered.get("Secret", secret), "data")).containsKey(key);
        assertThat(Nodes.map(EnvironmentTest.variable(rendered, "gateway", "GATEWAY_METRICS_TOKEN"), "valueFrom", "secretKeyRef"))
                .isEqualTo(Map.of("name", secret, "key", key));
    }

    @Test
    void theDeclarationFileIsASecretMountedReadOnlyWhereAtsbridgeConfigPoints() {
        Rendered rendered = Chart.render(Variant.ALL_FEATURES);
        Map<String, Object> secret = rendered.get("Secret", FULLNAME + "-adapter-declarations");
        String text = new String(Base64.getDecoder().decode(Nodes.string(secret, "data", "atsbridge.yml")),
                StandardCharsets.UTF_8);
        Map<String, Object> declarations = Nodes.map(new Yaml(new SafeConstructor(new LoaderOptions())).load(text));

        assertThat(Nodes.list(declarations, "connections", "gh-acme", "webhook-secrets"))
                .containsExactly("test-greenhouse-webhook-secret-1", "test-greenhouse-webhook-secret-2");
        assertThat(Nodes.at(declarations, "adapter", "worker", "threads")).isEqualTo(4);

        String path = EnvironmentTest.value(rendered, "adapter", "ATSBRIDGE_CONFIG");
        Map<String, Object> pod = Nodes.map(rendered.deployment("adapter"), "spec", "template", "spec");
        Map<String, Object> mount = Nodes.maps(WorkloadConventionsTest.container(rendered, "adapter"), "volumeMounts").stream()
                .filter(m -> path.startsWith(m.get("mountPath") + "/")).findFirst()
                .orElseThrow(() -> new AssertionError("nothing mounted at " + path));
        assertThat(mount.get("readOnly")).isEqualTo(true);
        Map<String, Object> volume = Nodes.maps(pod, "volumes").stream().filter(v -> v.get("name").equals(mount.get("name")))
                .findFirst().orElseThrow();
        assertThat(Nodes.string(volume, "secret", "secretName")).isEqualTo(FULLNAME + "-adapter-declarations");
        assertThat(Nodes.maps(volume, "secret", "items"))
                .containsExactly(Map.of("key", "atsbridge.yml", "path", path.substring(path.lastIndexOf('/') + 1)));
    }

    @Test
    void declarationsGivenAsTextAreStoredVerbatim() {
        Rendered rendered = Chart.render(Variant.DEFAULTS, "--set-string", "adapter.declarations=connections: {}\n");
        String text = new String(Base64.getDecoder().decode(Nodes.string(
                rendered.get("Secret", FULLNAME + "-adapter-declarations"), "data", "atsbridge.yml")), StandardCharsets.UTF_8);

        assertThat(text).isEqualTo("connections: {}\n");
        assertThat(EnvironmentTest.value(rendered, "adapter", "ATSBRIDGE_CONFIG")).isEqualTo("/etc/atsbridge/atsbridge.yml");
    }

    @Test
    void withoutDeclarationsTheAdapterGetsNoConfigFile() {
        Rendered rendered = Chart.render(Variant.DEFAULTS);

        assertThat(rendered.ofKind("Secret")).extracting(s -> Nodes.string(s, "metadata", "name"))
                .contains(FULLNAME + "-database", FULLNAME + "-tokens", FULLNAME + "-adapter-master-key")
                .doesNotContain(FULLNAME + "-adapter-declarations");
        assertThat(EnvironmentTest.env(rendered, "adapter")).extracting(e -> e.get("name")).doesNotContain("ATSBRIDGE_CONFIG");
        assertThat(Nodes.maps(rendered.deployment("adapter"), "spec", "template", "spec", "volumes"))
                .extracting(v -> v.get("name")).containsExactly("tmp", "tls");
    }

    @Test
    void existingSecretsAreReferencedByTheirNames() {
        Rendered rendered = Chart.render(Variant.EXISTING_SECRETS);

        assertThat(rendered.ofKind("Secret")).isEmpty();
        assertThat(Nodes.string(EnvironmentTest.variable(rendered, "audit", "AUDIT_DATASOURCE_PASSWORD"),
                "valueFrom", "secretKeyRef", "name")).isEqualTo("atsbridge-database");
        assertThat(Nodes.string(EnvironmentTest.variable(rendered, "gateway", "ATSBRIDGE_CLIENT_TOKEN"),
                "valueFrom", "secretKeyRef", "name")).isEqualTo("atsbridge-tokens");
        assertThat(Nodes.string(EnvironmentTest.variable(rendered, "adapter", "ATSBRIDGE_ADAPTER_MASTER_KEY"),
                "valueFrom", "secretKeyRef", "name")).isEqualTo("atsbridge-master-key");
        assertThat(Nodes.string(EnvironmentTest.variable(rendered, "gateway", "GATEWAY_METRICS_TOKEN"),
                "valueFrom", "secretKeyRef", "name")).isEqualTo("atsbridge-gateway-metrics");
        assertThat(Nodes.maps(rendered.deployment("adapter"), "spec", "template", "spec", "volumes").stream()
                .filter(v -> v.containsKey("secret")).map(v -> Nodes.string(v, "secret", "secretName")))
                .containsExactly("atsbridge-declarations", "atsbridge-adapter-tls");
        // Secrets made outside the chart are not in the checksum; only their names are.
        assertThat(Nodes.string(rendered.deployment("adapter"), "spec", "template", "metadata", "annotations", "checksum/secrets"))
                .hasSize(64);
    }
}
