package io.atsbridge.deploy;

import io.atsbridge.deploy.Chart.Rendered;
import io.atsbridge.deploy.Chart.Variant;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.atsbridge.deploy.Chart.COMPONENTS;
import static io.atsbridge.deploy.Chart.FULLNAME;
import static io.atsbridge.deploy.Chart.GRPC_COMPONENTS;
import static io.atsbridge.deploy.Chart.PORTS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The workload conventions of the Helm section of the style guide, over every rendered variant: one
 * Deployment and Service per service, recommended labels and stable selectors, restricted pod security,
 * requests and limits, pinned images, native gRPC probes, disruption budgets, autoscalers.
 */
class WorkloadConventionsTest {

    private static final Map<String, String> MODULES = Map.of("identity", "identity-service",
            "mapping", "mapping-service", "consent", "consent-service", "audit", "audit-service",
            "adapter", "adapter-service", "gateway", "edge-gateway");

    @ParameterizedTest
    @EnumSource(Variant.class)
    void oneDeploymentAndOneServicePerService(Variant variant) {
        Rendered rendered = Chart.render(variant);

        for (String kind : List.of("Deployment", "Service")) {
            assertThat(rendered.byComponent(kind)).as(kind).containsOnlyKeys(COMPONENTS);
            rendered.byComponent(kind).forEach((component, object) ->
                    assertThat(Nodes.string(object, "metadata", "name")).isEqualTo(FULLNAME + "-" + component));
        }
        assertThat(rendered.ofKind("Deployment")).hasSize(COMPONENTS.size());
        assertThat(rendered.ofKind("Service")).hasSize(COMPONENTS.size());
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void everyObjectCarriesTheRecommendedLabelsAndAComponent(Variant variant) {
        SoftAssertions softly = new SoftAssertions();
        for (Map<String, Object> object : Chart.render(variant).objects()) {
            Map<String, Object> labels = Nodes.map(object, "metadata", "labels");
            softly.assertThat(labels).as(Nodes.name(object))
                    .containsEntry("helm.sh/chart", "atsbridge-0.1.0")
                    .containsEntry("app.kubernetes.io/name", "atsbridge")
                    .containsEntry("app.kubernetes.io/instance", Chart.RELEASE)
                    .containsEntry("app.kubernetes.io/version", "0.1.0")
                    .containsEntry("app.kubernetes.io/part-of", "atsbridge")
                    .containsEntry("app.kubernetes.io/managed-by", "Helm")
                    .containsKey("app.kubernetes.io/component");
            softly.assertThat(String.valueOf(labels.get("app.kubernetes.io/component"))).as(Nodes.name(object))
                    .isNotBlank();
            softly.assertThat(Nodes.string(object, "metadata", "namespace")).as(Nodes.name(object))
                    .isEqualTo(Chart.NAMESPACE);
        }
        softly.assertAll();
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void selectorsAreStableAndSelectTheirOwnComponentsPods(Variant variant) {
        Rendered rendered = Chart.render(variant);
        for (String component : COMPONENTS) {
            Map<String, Object> deployment = rendered.deployment(component);
            Map<String, Object> selector = Nodes.map(deployment, "spec", "selector", "matchLabels");

            // Only labels that never change between chart versions, so upgrades never touch the selector.
            assertThat(selector).as(component).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "app.kubernetes.io/name", "atsbridge",
                    "app.kubernetes.io/instance", Chart.RELEASE,
                    "app.kubernetes.io/component", component));
            assertThat(Nodes.map(deployment, "spec", "template", "metadata", "labels")).as(component)
                    .containsAllEntriesOf(selector);
            assertThat(Nodes.map(rendered.byComponent("Service").get(component), "spec", "selector")).as(component)
                    .isEqualTo(selector);
        }
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void podsRunWithTheRestrictedSecurityProfile(Variant variant) {
        Rendered rendered = Chart.render(variant);
        SoftAssertions softly = new SoftAssertions();
        for (String component : COMPONENTS) {
            Map<String, Object> pod = Nodes.map(rendered.deployment(component), "spec", "template", "spec");

            softly.assertThat(pod.get("automountServiceAccountToken")).as(component + " automount").isEqualTo(false);
            softly.assertThat(pod.get("enableServiceLinks")).as(component + " service links").isEqualTo(false);
            softly.assertThat(pod).as(component).doesNotContainKeys("hostNetwork", "hostPID", "hostIPC", "initContainers");
            Map<String, Object> podSecurity = Nodes.map(pod, "securityContext");
            softly.assertThat(podSecurity.get("runAsNonRoot")).as(component + " pod runAsNonRoot").isEqualTo(true);
            softly.assertThat(podSecurity.get("runAsUser")).as(component + " pod runAsUser")
                    .isInstanceOf(Integer.class).isNotEqualTo(0);
            softly.assertThat(Nodes.at(podSecurity, "seccompProfile", "type")).as(component + " pod seccomp")
                    .isEqualTo("RuntimeDefault");

            List<Map<String, Object>> containers = Nodes.maps(pod, "containers");
            softly.assertThat(containers).as(component + " containers").hasSize(1);
            for (Map<String, Object> container : containers) {
                Map<String, Object> security = Nodes.map(container, "securityContext");
                softly.assertThat(security.get("runAsNonRoot")).as(component + " runAsNonRoot").isEqualTo(true);
                softly.assertThat(security.get("readOnlyRootFilesystem")).as(component + " read-only root").isEqualTo(true);
                softly.assertThat(security.get("allowPrivilegeEscalation")).as(component + " escalation").isEqualTo(false);
                softly.assertThat(security.get("privileged")).as(component + " privileged").isNotEqualTo(true);
                softly.assertThat(Nodes.list(security, "capabilities", "drop")).as(component + " drop").containsExactly("ALL");
                softly.assertThat(Nodes.at(security, "capabilities", "add")).as(component + " add").isNull();
                softly.assertThat(Nodes.at(security, "seccompProfile", "type")).as(component + " seccomp")
                        .isEqualTo("RuntimeDefault");

                // The one writable path: /tmp on an emptyDir.
                Map<String, Object> tmp = Nodes.maps(container, "volumeMounts").stream()
                        .filter(m -> "/tmp".equals(m.get("mountPath"))).findFirst().orElse(Map.of());
                softly.assertThat(tmp).as(component + " /tmp mount").isNotEmpty();
                softly.assertThat(Nodes.maps(pod, "volumes").stream()
                                .anyMatch(v -> v.get("name").equals(tmp.get("name")) && v.containsKey("emptyDir")))
                        .as(component + " /tmp is an emptyDir").isTrue();
                softly.assertThat(Nodes.maps(container, "volumeMounts").stream()
                                .filter(m -> !"/tmp".equals(m.get("mountPath")))
                                .allMatch(m -> Boolean.TRUE.equals(m.get("readOnly"))))
                        .as(component + " every other mount is read-only").isTrue();
            }
        }
        softly.assertAll();
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void everyContainerHasRequestsAndLimits(Variant variant) {
        Rendered rendered = Chart.render(variant);
        for (String component : COMPONENTS) {
            Map<String, Object> container = container(rendered, component);
            for (String bound : List.of("requests", "limits")) {
                for (String resource : List.of("cpu", "memory")) {
                    assertThat(Nodes.at(container, "resources", bound, resource))
                            .as("%s resources.%s.%s", component, bound, resource).isNotNull();
                }
            }
            // Memory is never overcommitted: the JVM sizes its heap from the limit, which must then be there.
            assertThat(Nodes.at(container, "resources", "requests", "memory")).as(component)
                    .isEqualTo(Nodes.at(container, "resources", "limits", "memory"));
        }
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void imagesArePinnedToAVersion(Variant variant) {
        Rendered rendered = Chart.render(variant);
        Pattern reference = Pattern.compile("^(?:[^:@]+/)?atsbridge/([a-z-]+):([\\w][\\w.-]*)(@sha256:[0-9a-f]{64})?$");
        for (String component : COMPONENTS) {
            String image = Nodes.string(container(rendered, component), "image");
            Matcher matcher = reference.matcher(image);

            assertThat(matcher.matches()).as("%s image %s", component, image).isTrue();
            assertThat(matcher.group(1)).isEqualTo(MODULES.get(component));
            assertThat(matcher.group(2)).as(component + " tag").isNotEqualTo("latest");
            if (variant == Variant.DEFAULTS) {
                assertThat(image).isEqualTo("atsbridge/" + MODULES.get(component) + ":0.1.0");
            }
            assertThat(Nodes.string(container(rendered, component), "imagePullPolicy")).isEqualTo("IfNotPresent");
        }
    }

    @Test
    void aServiceImageCanBePinnedByDigest() {
        String image = Nodes.string(container(Chart.render(Variant.ALL_FEATURES), "audit"), "image");

        assertThat(image).isEqualTo("registry.test.internal/atsbridge/audit-service:0.1.1@sha256:"
                + "0000000000000000000000000000000000000000000000000000000000000001");
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void grpcServicesAreProbedWithNativeGrpcHealthChecksOnThePlaintextHealthPort(Variant variant) {
        Rendered rendered = Chart.render(variant);
        for (String component : GRPC_COMPONENTS) {
            Map<String, Object> container = container(rendered, component);
            int port = PORTS.get(component);
            // Kubernetes' grpc probes cannot speak TLS: they ask the health-only port, which is plaintext.
            int healthPort = Chart.HEALTH_PORTS.get(component);
            assertThat(Nodes.maps(container, "ports")).as(component).containsExactly(
                    Map.of("name", "grpc", "containerPort", port, "protocol", "TCP"),
                    Map.of("name", "health", "containerPort", healthPort, "protocol", "TCP"));
            assertThat(EnvironmentTest.value(rendered, component, "ATSBRIDGE_HEALTH_PORT")).as(component)
                    .isEqualTo(String.valueOf(healthPort));

            for (String probe : List.of("startupProbe", "livenessProbe")) {
                assertThat(Nodes.map(container, probe, "grpc")).as("%s %s", component, probe)
                        .isEqualTo(Map.of("port", healthPort, "service", "liveness"));
            }
            // Readiness is the service's overall health (service ""), which covers its database.
            Map<String, Object> readiness = Nodes.map(container, "readinessProbe", "grpc");
            assertThat(readiness.get("port")).as(component).isEqualTo(healthPort);
            assertThat(readiness.getOrDefault("service", "")).as(component).isEqualTo("");
            for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                assertThat(Nodes.map(container, probe)).as("%s %s", component, probe)
                        .doesNotContainKeys("httpGet", "tcpSocket", "exec");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void theGatewayIsProbedOverHttp(Variant variant) {
        Map<String, Object> container = container(Chart.render(variant), "gateway");

        assertThat(Nodes.maps(container, "ports"))
                .containsExactly(Map.of("name", "http", "containerPort", 8080, "protocol", "TCP"));
        assertThat(Nodes.map(container, "startupProbe", "httpGet")).isEqualTo(Map.of("path", "/health/live", "port", "http"));
        assertThat(Nodes.map(container, "livenessProbe", "httpGet")).isEqualTo(Map.of("path", "/health/live", "port", "http"));
        assertThat(Nodes.map(container, "readinessProbe", "httpGet")).isEqualTo(Map.of("path", "/health", "port", "http"));
        assertThat(Nodes.map(container, "readinessProbe")).doesNotContainKeys("grpc", "tcpSocket", "exec");
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void servicesAreClusterIpWithNamedPorts(Variant variant) {
        Rendered rendered = Chart.render(variant);
        for (String component : COMPONENTS) {
            Map<String, Object> service = rendered.byComponent("Service").get(component);
            String name = component.equals("gateway") ? "http" : "grpc";

            assertThat(Nodes.string(service, "spec", "type")).isEqualTo("ClusterIP");
            assertThat(Nodes.maps(service, "spec", "ports")).as(component).containsExactly(Map.of(
                    "name", name, "port", PORTS.get(component), "targetPort", name, "protocol", "TCP",
                    "appProtocol", name));
        }
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void everyServiceHasADisruptionBudgetThatNeverBlocksADrain(Variant variant) {
        Rendered rendered = Chart.render(variant);
        Map<String, Map<String, Object>> budgets = rendered.byComponent("PodDisruptionBudget");

        assertThat(budgets).containsOnlyKeys(COMPONENTS);
        budgets.forEach((component, budget) -> {
            // maxUnavailable, not minAvailable 1: with one replica, minAvailable 1 would block every drain.
            assertThat(Nodes.map(budget, "spec")).as(component)
                    .containsEntry("maxUnavailable", 1).doesNotContainKey("minAvailable");
            assertThat(Nodes.map(budget, "spec", "selector", "matchLabels")).as(component)
                    .isEqualTo(Nodes.map(rendered.deployment(component), "spec", "selector", "matchLabels"));
        });
    }

    @Test
    void byDefaultEachServiceRunsTwoReplicasWithoutAutoscaler() {
        Rendered rendered = Chart.render(Variant.DEFAULTS);

        assertThat(rendered.ofKind("HorizontalPodAutoscaler")).isEmpty();
        for (String component : COMPONENTS) {
            assertThat(Nodes.at(rendered.deployment(component), "spec", "replicas")).as(component).isEqualTo(2);
        }
    }

    @Test
    void autoscalersTakeOverTheReplicaCount() {
        Rendered rendered = Chart.render(Variant.ALL_FEATURES);
        Map<String, Map<String, Object>> autoscalers = rendered.byComponent("HorizontalPodAutoscaler");

        assertThat(autoscalers).containsOnlyKeys(COMPONENTS);
        autoscalers.forEach((component, hpa) -> {
            assertThat(Nodes.string(hpa, "apiVersion")).isEqualTo("autoscaling/v2");
            assertThat(Nodes.map(hpa, "spec", "scaleTargetRef")).as(component).isEqualTo(Map.of(
                    "apiVersion", "apps/v1", "kind", "Deployment", "name", FULLNAME + "-" + component));
            assertThat((Integer) Nodes.at(hpa, "spec", "minReplicas"))
                    .isLessThanOrEqualTo((Integer) Nodes.at(hpa, "spec", "maxReplicas"));
            assertThat(Nodes.string(hpa, "spec", "metrics")).contains("cpu");
            // With an autoscaler the Deployment leaves replicas alone, so upgrades do not reset the scale.
            assertThat(Nodes.map(rendered.deployment(component), "spec")).as(component).doesNotContainKey("replicas");
        });
    }

    @Test
    void aChangedSecretRollsExactlyThePodsThatReadIt() {
        Map<String, String> before = checksums(Chart.render(Variant.DEFAULTS));

        assertThat(changedChecksums(before, "gateway.metrics.token=another-metrics-token-0123")).containsExactly("gateway");
        assertThat(changedChecksums(before, "identity.database.password=another-password")).containsExactly("identity");
        assertThat(changedChecksums(before, "database.password=another-password"))
                .containsExactlyInAnyOrderElementsOf(GRPC_COMPONENTS);
        assertThat(changedChecksums(before, "auth.gatewayToken=another-gateway-token-0123"))
                .containsExactlyInAnyOrder("adapter", "gateway");
        assertThat(changedChecksums(before, "auth.adapterToken=another-adapter-token-0123"))
                .containsExactlyInAnyOrderElementsOf(GRPC_COMPONENTS);
        assertThat(changedChecksums(before, "auth.identityToken=another-identity-token-0123"))
                .containsExactlyInAnyOrder("identity", "audit");
        assertThat(changedChecksums(before, "auth.operatorToken=another-operator-token-0123"))
                .containsExactlyInAnyOrderElementsOf(GRPC_COMPONENTS);
        assertThat(changedChecksums(before, "adapter.masterKey=BBECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="))
                .containsExactly("adapter");
        assertThat(changedChecksums(before, "audit.signing.privateKey=UEFCQ0RFRkdISUpLTE1OT1BRUlNUVVZXWFlaW1xdXl8="))
                .containsExactly("audit");
    }

    private static List<String> changedChecksums(Map<String, String> before, String set) {
        Map<String, String> after = checksums(Chart.render(Variant.DEFAULTS, "--set", set));
        return COMPONENTS.stream().filter(c -> !before.get(c).equals(after.get(c))).toList();
    }

    private static Map<String, String> checksums(Rendered rendered) {
        Map<String, String> checksums = new HashMap<>();
        for (String component : COMPONENTS) {
            checksums.put(component, Nodes.string(rendered.deployment(component),
                    "spec", "template", "metadata", "annotations", "checksum/secrets"));
        }
        return checksums;
    }

    static Map<String, Object> container(Rendered rendered, String component) {
        return Nodes.maps(rendered.deployment(component), "spec", "template", "spec", "containers").get(0);
    }
}
