package io.atsbridge.deploy;

import io.atsbridge.deploy.Chart.Rendered;
import io.atsbridge.deploy.Chart.Variant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static io.atsbridge.deploy.Chart.COMPONENTS;
import static io.atsbridge.deploy.Chart.GRPC_COMPONENTS;
import static io.atsbridge.deploy.Chart.PORTS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The NetworkPolicies: a default deny covering every pod of the release both ways, and allowed edges
 * exactly as documented. Every rule is flattened into one line per (peer, port), e.g.
 * {@code in identity <- pod:adapter TCP/9101}, and the set of lines is compared whole, so an extra
 * edge fails as surely as a missing one.
 */
class NetworkPolicyTest {

    private static final String DNS = "ns:{kubernetes.io/metadata.name=kube-system}";
    private static final String PRIVATE_RANGES = "[10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, 169.254.0.0/16, 100.64.0.0/10]";

    @ParameterizedTest
    @EnumSource(Variant.class)
    void aDefaultDenyCoversEveryPodOfTheReleaseBothWays(Variant variant) {
        Rendered rendered = Chart.render(variant);
        Map<String, Object> deny = rendered.get("NetworkPolicy", Chart.FULLNAME + "-default-deny");

        assertThat(Nodes.map(deny, "spec")).containsOnlyKeys("podSelector", "policyTypes");
        assertThat(Nodes.list(deny, "spec", "policyTypes")).containsExactlyInAnyOrder("Ingress", "Egress");
        Map<String, Object> selector = Nodes.map(deny, "spec", "podSelector", "matchLabels");
        assertThat(selector).containsOnlyKeys("app.kubernetes.io/name", "app.kubernetes.io/instance");
        for (String component : COMPONENTS) {
            assertThat(Nodes.map(rendered.deployment(component), "spec", "template", "metadata", "labels"))
                    .as(component).containsAllEntriesOf(selector);
        }
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void everyServiceHasItsOwnPolicyForBothDirections(Variant variant) {
        Rendered rendered = Chart.render(variant);
        Map<String, Map<String, Object>> policies = rendered.byComponent("NetworkPolicy");

        assertThat(policies).containsKeys(COMPONENTS.toArray(String[]::new));
        assertThat(rendered.ofKind("NetworkPolicy")).hasSize(COMPONENTS.size() + 1);
        for (String component : COMPONENTS) {
            Map<String, Object> policy = policies.get(component);
            assertThat(Nodes.list(policy, "spec", "policyTypes")).as(component).containsExactlyInAnyOrder("Ingress", "Egress");
            assertThat(Nodes.map(policy, "spec", "podSelector", "matchLabels")).as(component)
                    .isEqualTo(Nodes.map(rendered.deployment(component), "spec", "selector", "matchLabels"));
        }
    }

    @Test
    void byDefaultOnlyTheDocumentedEdgesAreAllowed() {
        Set<String> expected = documentedEdges();
        expected.add("in gateway <- any TCP/8080");
        for (String component : GRPC_COMPONENTS) {
            expected.add("out " + component + " -> any TCP/3306");
        }

        assertThat(edges(Chart.render(Variant.DEFAULTS))).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void configuredPeersReplaceTheOpenDefaults() {
        Set<String> expected = documentedEdges();
        String ingressController = "ns:{kubernetes.io/metadata.name=ingress-nginx}";
        expected.add("in gateway <- " + ingressController + " TCP/8080");
        for (String component : GRPC_COMPONENTS) {
            int port = PORTS.get(component);
            expected.add("out " + component + " -> ipBlock:10.20.0.5/32 TCP/3307");
            expected.add("in " + component + " <- ns:{kubernetes.io/metadata.name=atsbridge-ops} TCP/" + port);
            expected.add("in " + component + " <- ipBlock:192.0.2.0/24 TCP/" + port);
        }

        assertThat(edges(Chart.render(Variant.ALL_FEATURES))).containsExactlyInAnyOrderElementsOf(expected);
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void podsReachExactlyTheDocumentedPeers(Variant variant) {
        Rendered rendered = Chart.render(variant);
        Set<String> edges = edges(rendered);
        List<String> allowed = new ArrayList<>();
        for (String from : COMPONENTS) {
            for (String to : COMPONENTS) {
                // A connection needs the sender's egress and the receiver's ingress.
                String port = "TCP/" + PORTS.get(to);
                boolean out = edges.contains("out " + from + " -> pod:" + to + " " + port);
                boolean in = edges.contains("in " + to + " <- pod:" + from + " " + port)
                        || edges.stream().anyMatch(e -> e.startsWith("in " + to + " <- any ") && e.endsWith(" " + port));
                if (out && in) {
                    allowed.add(from + " -> " + to);
                }
            }
        }

        assertThat(allowed).containsExactlyInAnyOrder("gateway -> adapter", "adapter -> identity",
                "adapter -> mapping", "adapter -> consent", "adapter -> audit", "identity -> audit", "consent -> audit");
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void theHealthPortsAreOpenToNoPod(Variant variant) {
        // The kubelet's probes come from the node, which CNIs let through regardless of NetworkPolicies.
        Set<String> edges = edges(Chart.render(variant));
        for (String component : GRPC_COMPONENTS) {
            String healthPort = "TCP/" + Chart.HEALTH_PORTS.get(component);
            assertThat(edges.stream().filter(e -> e.endsWith(" " + healthPort))).as(component).isEmpty();
        }
    }

    @Test
    void theAdapterAloneMayCallOutOnHttps() {
        Set<String> edges = edges(Chart.render(Variant.DEFAULTS));

        assertThat(edges.stream().filter(e -> e.contains("TCP/443")))
                .containsExactly("out adapter -> ipBlock:0.0.0.0/0 except " + PRIVATE_RANGES + " TCP/443");
    }

    @Test
    void policiesCanBeSwitchedOff() {
        Rendered rendered = Chart.render(Variant.DEFAULTS, "--set", "networkPolicy.enabled=false");

        assertThat(rendered.ofKind("NetworkPolicy")).isEmpty();
        assertThat(rendered.ofKind("Deployment")).hasSize(COMPONENTS.size());
    }

    /** The edges every variant has: pod-to-pod calls, DNS, the adapter's HTTPS egress. */
    private static Set<String> documentedEdges() {
        Set<String> edges = new TreeSet<>();
        edges.add("in adapter <- pod:gateway TCP/9105");
        edges.add("out gateway -> pod:adapter TCP/9105");
        for (String peer : List.of("identity", "mapping", "consent", "audit")) {
            edges.add("in " + peer + " <- pod:adapter TCP/" + PORTS.get(peer));
            edges.add("out adapter -> pod:" + peer + " TCP/" + PORTS.get(peer));
        }
        // identity and consent record reads of personal data in the audit log.
        for (String caller : List.of("identity", "consent")) {
            edges.add("in audit <- pod:" + caller + " TCP/" + PORTS.get("audit"));
            edges.add("out " + caller + " -> pod:audit TCP/" + PORTS.get("audit"));
        }
        for (String component : COMPONENTS) {
            edges.add("out " + component + " -> " + DNS + " UDP/53");
            edges.add("out " + component + " -> " + DNS + " TCP/53");
        }
        edges.add("out adapter -> ipBlock:0.0.0.0/0 except " + PRIVATE_RANGES + " TCP/443");
        return edges;
    }

    /** Every allowed (direction, pods, peer, port) of every policy except the default deny, one line each. */
    static Set<String> edges(Rendered rendered) {
        Set<String> edges = new TreeSet<>();
        for (Map<String, Object> policy : rendered.ofKind("NetworkPolicy")) {
            Map<String, Object> selector = Nodes.map(policy, "spec", "podSelector", "matchLabels");
            String pods = String.valueOf(selector.getOrDefault("app.kubernetes.io/component", "*"));
            for (Map<String, Object> rule : Nodes.maps(policy, "spec", "ingress")) {
                for (String peer : peers(rule, "from")) {
                    for (String port : ports(rule)) {
                        edges.add("in " + pods + " <- " + peer + " " + port);
                    }
                }
            }
            for (Map<String, Object> rule : Nodes.maps(policy, "spec", "egress")) {
                for (String peer : peers(rule, "to")) {
                    for (String port : ports(rule)) {
                        edges.add("out " + pods + " -> " + peer + " " + port);
                    }
                }
            }
        }
        return edges;
    }

    private static List<String> peers(Map<String, Object> rule, String key) {
        if (!rule.containsKey(key)) {
            return List.of("any");
        }
        List<String> peers = new ArrayList<>();
        for (Map<String, Object> peer : Nodes.maps(rule, key)) {
            if (peer.containsKey("ipBlock")) {
                Map<String, Object> block = Nodes.map(peer, "ipBlock");
                List<Object> except = Nodes.list(block, "except");
                peers.add("ipBlock:" + block.get("cidr") + (except.isEmpty() ? "" : " except " + except));
            } else if (peer.containsKey("namespaceSelector")) {
                String pods = peer.containsKey("podSelector") ? " pods:" + new TreeMap<>(Nodes.map(peer, "podSelector")) : "";
                peers.add("ns:" + new TreeMap<>(Nodes.map(peer, "namespaceSelector", "matchLabels")) + pods);
            } else {
                Map<String, Object> labels = Nodes.map(peer, "podSelector", "matchLabels");
                // A pod of this release is named by its component; anything else by all its labels.
                boolean ours = "atsbridge".equals(labels.get("app.kubernetes.io/name"))
                        && Chart.RELEASE.equals(labels.get("app.kubernetes.io/instance")) && labels.size() == 3;
                peers.add(ours ? "pod:" + labels.get("app.kubernetes.io/component") : "pods:" + new TreeMap<>(labels));
            }
        }
        return peers;
    }

    private static List<String> ports(Map<String, Object> rule) {
        if (!rule.containsKey("ports")) {
            return List.of("all-ports");
        }
        return Nodes.maps(rule, "ports").stream().map(p -> p.get("protocol") + "/" + p.get("port")).toList();
    }
}
