package io.atsbridge.deploy;

import io.atsbridge.deploy.Chart.Rendered;
import io.atsbridge.deploy.Chart.Variant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static io.atsbridge.deploy.Chart.COMPONENTS;
import static io.atsbridge.deploy.Chart.FULLNAME;
import static io.atsbridge.deploy.Chart.GRPC_COMPONENTS;
import static io.atsbridge.deploy.Chart.PORTS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each container's environment: exactly the variables its service reads (the services refuse unknown
 * ones), secrets only through Secret references that exist, callers, peers and databases as documented.
 */
class EnvironmentTest {

    /** Whom each component calls. */
    static final Map<String, List<String>> PEERS = Map.of(
            "adapter", List.of("identity", "mapping", "consent", "audit"),
            "gateway", List.of("adapter"),
            "identity", List.of("audit"),
            "consent", List.of("audit"));
    private static final List<String> OIDC_REQUIRED = List.of("ATSBRIDGE_AUTH_OIDC_ISSUER", "ATSBRIDGE_AUTH_OIDC_JWKS_URI",
            "ATSBRIDGE_AUTH_OIDC_AUDIENCE");
    private static final List<String> OIDC_OPTIONAL = List.of("ATSBRIDGE_AUTH_OIDC_ROLES_CLAIM",
            "ATSBRIDGE_AUTH_OIDC_TENANTS_CLAIM", "ATSBRIDGE_AUTH_OIDC_NAME_CLAIM", "ATSBRIDGE_AUTH_OIDC_CLOCK_SKEW");

    @ParameterizedTest
    @EnumSource(Variant.class)
    void eachServiceGetsExactlyTheVariablesItReads(Variant variant) {
        Rendered rendered = Chart.render(variant);
        boolean all = variant == Variant.ALL_FEATURES;
        for (String component : COMPONENTS) {
            Set<String> expected = new TreeSet<>(List.of("JAVA_TOOL_OPTIONS"));
            if (all) {
                expected.add("ATSBRIDGE_LOG_LEVEL");
            }
            String prefix = component.toUpperCase();
            // TLS is on in every variant; mutual TLS where the variant asks for it.
            boolean mutual = variant != Variant.DEFAULTS;
            if (!component.equals("gateway")) {
                expected.addAll(List.of("ATSBRIDGE_TLS_SERVER_CERT_CHAIN", "ATSBRIDGE_TLS_SERVER_PRIVATE_KEY",
                        "ATSBRIDGE_HEALTH_PORT"));
                if (mutual) {
                    expected.add("ATSBRIDGE_TLS_SERVER_CLIENT_CA");
                }
                if (variant != Variant.DEFAULTS) {
                    expected.addAll(OIDC_REQUIRED);
                }
                if (all) {
                    expected.addAll(OIDC_OPTIONAL);
                }
            }
            if (!PEERS.getOrDefault(component, List.of()).isEmpty()) {
                expected.add("ATSBRIDGE_TLS_CLIENT_CA");
                if (mutual) {
                    expected.addAll(List.of("ATSBRIDGE_TLS_CLIENT_CERT_CHAIN", "ATSBRIDGE_TLS_CLIENT_PRIVATE_KEY"));
                }
            }
            if (component.equals("identity") || component.equals("consent")) {
                expected.addAll(List.of("ATSBRIDGE_CLIENT_TOKEN", "ATSBRIDGE_PEERS_AUDIT_ADDRESS"));
            }
            if (component.equals("audit")) {
                expected.addAll(callerVariables("IDENTITY"));
                expected.addAll(callerVariables("CONSENT"));
                expected.addAll(List.of("ATSBRIDGE_AUDIT_SIGNING_PRIVATE_KEY", "ATSBRIDGE_AUDIT_SIGNING_PREVIOUS_PUBLIC_KEYS"));
                if (all) {
                    expected.addAll(List.of("ATSBRIDGE_AUDIT_SIGNING_KEY_ID", "ATSBRIDGE_AUDIT_SIGNING_INTERVAL"));
                }
            }
            if (component.equals("gateway")) {
                expected.addAll(List.of("GATEWAY_HTTP_PORT", "ATSBRIDGE_CLIENT_TOKEN", "ATSBRIDGE_PEERS_ADAPTER_ADDRESS",
                        "GATEWAY_METRICS_ENABLED"));
                if (all) {
                    expected.addAll(List.of("GATEWAY_MAX_REQUEST_BYTES", "GATEWAY_RATE_LIMIT_RPS",
                            "GATEWAY_RATE_LIMIT_BURST", "GATEWAY_IDLE_TIMEOUT", "GATEWAY_REQUEST_DEADLINE"));
                }
                if (variant != Variant.DEFAULTS) {
                    expected.add("GATEWAY_METRICS_TOKEN");
                }
            } else {
                expected.addAll(List.of(prefix + "_GRPC_PORT", prefix + "_DATASOURCE_URL",
                        prefix + "_DATASOURCE_USERNAME", prefix + "_DATASOURCE_PASSWORD"));
                expected.addAll(callerVariables("OPERATOR"));
                expected.addAll(callerVariables(component.equals("adapter") ? "GATEWAY" : "ADAPTER"));
                if (all && component.equals("identity")) {
                    expected.add("IDENTITY_DATASOURCE_POOL_SIZE");
                }
                if (all && component.equals("consent")) {
                    expected.add("CONSENT_RULE_PACK");
                }
            }
            if (component.equals("adapter")) {
                expected.addAll(List.of("ATSBRIDGE_ADAPTER_MASTER_KEY", "ATSBRIDGE_ADAPTER_PREVIOUS_MASTER_KEYS",
                        "ATSBRIDGE_CLIENT_TOKEN",
                        "ATSBRIDGE_PEERS_IDENTITY_ADDRESS", "ATSBRIDGE_PEERS_MAPPING_ADDRESS",
                        "ATSBRIDGE_PEERS_CONSENT_ADDRESS", "ATSBRIDGE_PEERS_AUDIT_ADDRESS"));
                if (variant != Variant.DEFAULTS) {
                    expected.add("ATSBRIDGE_CONFIG");
                }
                if (all) {
                    expected.add("ATSBRIDGE_ADAPTER_WORKER_THREADS");
                }
            }

            List<String> names = env(rendered, component).stream().map(e -> Nodes.string(e, "name")).toList();

            assertThat(names).as(component).doesNotHaveDuplicates();
            assertThat(new TreeSet<>(names)).as(component).isEqualTo(expected);
        }
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void secretsArriveOnlyThroughSecretReferencesThatResolve(Variant variant) {
        Rendered rendered = Chart.render(variant);
        Set<String> secretVariables = Set.of("_SECRET", "_PASSWORD", "_MASTER_KEY", "_MASTER_KEYS", "_CLIENT_TOKEN",
                "_METRICS_TOKEN", "_SIGNING_PRIVATE_KEY", "_SIGNING_PREVIOUS_PUBLIC_KEYS");
        for (String component : COMPONENTS) {
            for (Map<String, Object> variable : env(rendered, component)) {
                String name = Nodes.string(variable, "name");
                if (secretVariables.stream().noneMatch(name::endsWith)) {
                    assertThat(variable).as(name).containsKey("value").doesNotContainKey("valueFrom");
                    continue;
                }
                assertThat(variable).as(component + " " + name).doesNotContainKey("value");
                String secret = Nodes.string(variable, "valueFrom", "secretKeyRef", "name");
                String key = Nodes.string(variable, "valueFrom", "secretKeyRef", "key");
                if (variant == Variant.EXISTING_SECRETS) {
                    assertThat(secret).as(name).isIn("atsbridge-database", "atsbridge-tokens", "atsbridge-master-key",
                            "atsbridge-gateway-metrics", "atsbridge-audit-signing-key");
                } else {
                    assertThat(Nodes.map(rendered.get("Secret", secret), "data")).as("Secret %s", secret).containsKey(key);
                }
            }
        }
        if (variant == Variant.EXISTING_SECRETS) {
            assertThat(rendered.ofKind("Secret")).as("the chart creates no Secret of its own").isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void secretKeysAreTheDocumentedOnes(Variant variant) {
        Rendered rendered = Chart.render(variant);
        Map<String, String> keys = new LinkedHashMap<>();
        for (String component : GRPC_COMPONENTS) {
            String prefix = component.toUpperCase();
            keys.put(component + " " + prefix + "_DATASOURCE_PASSWORD", component + "-password");
            keys.put(component + " ATSBRIDGE_AUTH_TOKENS_OPERATOR_SECRET", "operator-token");
        }
        keys.put("identity ATSBRIDGE_AUTH_TOKENS_ADAPTER_SECRET", "adapter-token");
        keys.put("adapter ATSBRIDGE_AUTH_TOKENS_GATEWAY_SECRET", "gateway-token");
        keys.put("adapter ATSBRIDGE_CLIENT_TOKEN", "adapter-token");
        keys.put("adapter ATSBRIDGE_ADAPTER_MASTER_KEY", "master-key");
        keys.put("adapter ATSBRIDGE_ADAPTER_PREVIOUS_MASTER_KEYS", "previous-master-keys");
        keys.put("audit ATSBRIDGE_AUDIT_SIGNING_PRIVATE_KEY", "private-key");
        keys.put("audit ATSBRIDGE_AUDIT_SIGNING_PREVIOUS_PUBLIC_KEYS", "previous-public-keys");
        keys.put("gateway ATSBRIDGE_CLIENT_TOKEN", "gateway-token");
        keys.put("identity ATSBRIDGE_CLIENT_TOKEN", "identity-token");
        keys.put("consent ATSBRIDGE_CLIENT_TOKEN", "consent-token");
        keys.put("audit ATSBRIDGE_AUTH_TOKENS_IDENTITY_SECRET", "identity-token");
        keys.put("audit ATSBRIDGE_AUTH_TOKENS_CONSENT_SECRET", "consent-token");
        keys.put("audit ATSBRIDGE_AUTH_TOKENS_ADAPTER_SECRET", "adapter-token");

        keys.forEach((where, key) -> {
            String[] parts = where.split(" ");
            assertThat(Nodes.string(variable(rendered, parts[0], parts[1]), "valueFrom", "secretKeyRef", "key"))
                    .as(where).isEqualTo(key);
        });
    }

    @Test
    void secretsHoldTheValuesGiven() {
        Rendered rendered = Chart.render(Variant.ALL_FEATURES);

        assertThat(decoded(rendered, FULLNAME + "-database", "identity-password")).isEqualTo("identity-only-password");
        assertThat(decoded(rendered, FULLNAME + "-database", "audit-password")).isEqualTo("test-database-password");
        assertThat(decoded(rendered, FULLNAME + "-tokens", "operator-token")).isEqualTo("test-operator-token-0123456789");
        assertThat(decoded(rendered, FULLNAME + "-tokens", "adapter-token")).isEqualTo("test-adapter-token-0123456789");
        assertThat(decoded(rendered, FULLNAME + "-tokens", "gateway-token")).isEqualTo("test-gateway-token-0123456789");
        assertThat(decoded(rendered, FULLNAME + "-tokens", "identity-token")).isEqualTo("test-identity-token-0123456789");
        assertThat(decoded(rendered, FULLNAME + "-tokens", "consent-token")).isEqualTo("test-consent-token-0123456789");
        assertThat(decoded(rendered, FULLNAME + "-adapter-master-key", "master-key"))
                .isEqualTo("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=");
        assertThat(decoded(rendered, FULLNAME + "-adapter-master-key", "previous-master-keys")).isEqualTo("ICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8=");
        assertThat(Nodes.map(variable(rendered, "adapter", "ATSBRIDGE_ADAPTER_PREVIOUS_MASTER_KEYS"), "valueFrom", "secretKeyRef"))
                .as("an existing Secret holds it only during a rotation").containsEntry("optional", true);
        assertThat(decoded(rendered, FULLNAME + "-audit-signing-key", "private-key"))
                .isEqualTo("QEFCQ0RFRkdISUpLTE1OT1BRUlNUVVZXWFlaW1xdXl8=");
        assertThat(decoded(rendered, FULLNAME + "-audit-signing-key", "previous-public-keys"))
                .isEqualTo("ed25519-old=YGFiY2RlZmdoaWprbG1ub3BxcnN0dXZ3eHl6e3x9fn8=");
        assertThat(Nodes.map(variable(rendered, "audit", "ATSBRIDGE_AUDIT_SIGNING_PREVIOUS_PUBLIC_KEYS"), "valueFrom", "secretKeyRef"))
                .as("an existing Secret holds it only after a rotation").containsEntry("optional", true);
        assertThat(Nodes.string(variable(rendered, "audit", "ATSBRIDGE_AUDIT_SIGNING_KEY_ID"), "value")).isEqualTo("ed25519-2026-12");
        assertThat(Nodes.string(variable(rendered, "audit", "ATSBRIDGE_AUDIT_SIGNING_INTERVAL"), "value")).isEqualTo("5m");
        assertThat(decoded(rendered, FULLNAME + "-gateway-metrics", "metrics-token")).isEqualTo("test-metrics-token-0123456789");
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void callerTokensCarryTheirTenantsRolesAndKind(Variant variant) {
        Rendered rendered = Chart.render(variant);
        String operatorTenants = variant == Variant.ALL_FEATURES ? "acme,globex" : "*";
        String operatorRoles = variant == Variant.ALL_FEATURES ? "operator,reviewer" : "operator";
        for (String component : GRPC_COMPONENTS) {
            // The operator token is for tools and scripts: a static token never stands for a person in the chart.
            assertCaller(rendered, component, "OPERATOR", operatorTenants, operatorRoles, "SERVICE");
            if (component.equals("adapter")) {
                assertCaller(rendered, component, "GATEWAY", "*", "gateway", "SERVICE");
            } else {
                assertCaller(rendered, component, "ADAPTER", "*", "service", "SERVICE");
            }
        }
        assertCaller(rendered, "audit", "IDENTITY", "*", "service", "SERVICE");
        assertCaller(rendered, "audit", "CONSENT", "*", "service", "SERVICE");
        assertThat(rendered.manifest()).doesNotContain("PERSON");
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void peersAreTheChartsOwnServices(Variant variant) {
        Rendered rendered = Chart.render(variant);
        Map<String, String> expected = new LinkedHashMap<>();
        for (String peer : List.of("identity", "mapping", "consent", "audit")) {
            expected.put("adapter ATSBRIDGE_PEERS_" + peer.toUpperCase() + "_ADDRESS", peer);
        }
        expected.put("gateway ATSBRIDGE_PEERS_ADAPTER_ADDRESS", "adapter");
        expected.put("identity ATSBRIDGE_PEERS_AUDIT_ADDRESS", "audit");
        expected.put("consent ATSBRIDGE_PEERS_AUDIT_ADDRESS", "audit");

        expected.forEach((where, peer) -> {
            String[] parts = where.split(" ");
            Map<String, Object> service = rendered.byComponent("Service").get(peer);
            String address = Nodes.string(service, "metadata", "name") + ":"
                    + Nodes.string(Nodes.maps(service, "spec", "ports").get(0), "port");
            assertThat(value(rendered, parts[0], parts[1])).as(where).isEqualTo(address);
        });
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void portsInTheEnvironmentAreTheContainerPorts(Variant variant) {
        Rendered rendered = Chart.render(variant);
        for (String component : COMPONENTS) {
            String name = component.equals("gateway") ? "GATEWAY_HTTP_PORT" : component.toUpperCase() + "_GRPC_PORT";
            assertThat(value(rendered, component, name)).isEqualTo(String.valueOf(PORTS.get(component)));
        }
    }

    @Test
    void eachServiceUsesItsOwnDatabase() {
        Rendered defaults = Chart.render(Variant.DEFAULTS);
        Rendered all = Chart.render(Variant.ALL_FEATURES);
        for (String component : GRPC_COMPONENTS) {
            String prefix = component.toUpperCase();
            assertThat(value(defaults, component, prefix + "_DATASOURCE_URL"))
                    .isEqualTo("jdbc:mysql://mysql.test.internal:3306/atsbridge_" + component);
            assertThat(value(defaults, component, prefix + "_DATASOURCE_USERNAME")).isEqualTo("atsbridge");
            assertThat(value(all, component, prefix + "_DATASOURCE_URL"))
                    .isEqualTo("jdbc:mariadb://mysql.test.internal:3307/atsbridge_" + component + "?sslMode=VERIFY_IDENTITY");
        }
        assertThat(value(all, "identity", "IDENTITY_DATASOURCE_USERNAME")).isEqualTo("identity_user");
        assertThat(value(all, "identity", "IDENTITY_DATASOURCE_POOL_SIZE")).isEqualTo("12");
    }

    @Test
    void optionalSettingsArePassedAsGiven() {
        Rendered all = Chart.render(Variant.ALL_FEATURES);

        assertThat(value(all, "gateway", "GATEWAY_MAX_REQUEST_BYTES")).isEqualTo("10485760");
        assertThat(value(all, "gateway", "GATEWAY_RATE_LIMIT_RPS")).isEqualTo("20");
        assertThat(value(all, "gateway", "GATEWAY_RATE_LIMIT_BURST")).isEqualTo("40");
        assertThat(value(all, "gateway", "GATEWAY_IDLE_TIMEOUT")).isEqualTo("45s");
        assertThat(value(all, "gateway", "GATEWAY_REQUEST_DEADLINE")).isEqualTo("20s");
        assertThat(value(all, "gateway", "GATEWAY_METRICS_ENABLED")).isEqualTo("true");
        assertThat(value(all, "adapter", "ATSBRIDGE_ADAPTER_WORKER_THREADS")).isEqualTo("4");
        assertThat(value(all, "consent", "CONSENT_RULE_PACK")).isEqualTo("/rules/strict.yml");
        assertThat(value(all, "identity", "ATSBRIDGE_LOG_LEVEL")).isEqualTo("WARN");
        assertThat(value(all, "mapping", "ATSBRIDGE_LOG_LEVEL")).isEqualTo("DEBUG");
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void jvmSettingsFollowTheContainerLimit(Variant variant) {
        Rendered rendered = Chart.render(variant);
        for (String component : COMPONENTS) {
            assertThat(value(rendered, component, "JAVA_TOOL_OPTIONS")).as(component)
                    .contains("-XX:MaxRAMPercentage=70", "-XX:+ExitOnOutOfMemoryError", "-XX:+UseSerialGC")
                    .doesNotContain("-Xmx", "\n");
        }
        if (variant == Variant.ALL_FEATURES) {
            assertThat(value(rendered, "adapter", "JAVA_TOOL_OPTIONS")).endsWith(" -XX:+PrintFlagsFinal");
        }
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void everyServiceSpeaksTlsFromItsMountedCertificateAndCallersCheckPeersAgainstTheCa(Variant variant) {
        Rendered rendered = Chart.render(variant);
        boolean mutual = variant != Variant.DEFAULTS;
        for (String component : COMPONENTS) {
            Map<String, String> tls = new LinkedHashMap<>();
            for (Map<String, Object> variable : env(rendered, component)) {
                String name = Nodes.string(variable, "name");
                if (name.startsWith("ATSBRIDGE_TLS_")) {
                    tls.put(name, Nodes.string(variable, "value"));
                }
            }
            Map<String, String> expected = new LinkedHashMap<>();
            if (!component.equals("gateway")) {
                expected.put("ATSBRIDGE_TLS_SERVER_CERT_CHAIN", "/etc/atsbridge-tls/tls.crt");
                expected.put("ATSBRIDGE_TLS_SERVER_PRIVATE_KEY", "/etc/atsbridge-tls/tls.key");
                if (mutual) {
                    expected.put("ATSBRIDGE_TLS_SERVER_CLIENT_CA", "/etc/atsbridge-tls/ca.crt");
                }
            }
            if (PEERS.containsKey(component)) {
                expected.put("ATSBRIDGE_TLS_CLIENT_CA", "/etc/atsbridge-tls/ca.crt");
                if (mutual) {
                    expected.put("ATSBRIDGE_TLS_CLIENT_CERT_CHAIN", "/etc/atsbridge-tls/tls.crt");
                    expected.put("ATSBRIDGE_TLS_CLIENT_PRIVATE_KEY", "/etc/atsbridge-tls/tls.key");
                }
            }
            assertThat(tls).as("%s (%s)", component, variant).isEqualTo(expected);
        }
    }

    @Test
    void peopleSignInWithTheIdentityProviderOnEveryGrpcService() {
        Rendered all = Chart.render(Variant.ALL_FEATURES);
        Rendered defaults = Chart.render(Variant.DEFAULTS);
        for (String component : GRPC_COMPONENTS) {
            assertThat(value(all, component, "ATSBRIDGE_AUTH_OIDC_ISSUER")).isEqualTo("https://login.test.example/");
            assertThat(value(all, component, "ATSBRIDGE_AUTH_OIDC_JWKS_URI"))
                    .isEqualTo("https://login.test.example/.well-known/jwks.json");
            assertThat(value(all, component, "ATSBRIDGE_AUTH_OIDC_AUDIENCE")).isEqualTo("atsbridge-test");
            assertThat(value(all, component, "ATSBRIDGE_AUTH_OIDC_ROLES_CLAIM")).isEqualTo("groups");
            assertThat(value(all, component, "ATSBRIDGE_AUTH_OIDC_TENANTS_CLAIM")).isEqualTo("atsbridge_tenants");
            assertThat(value(all, component, "ATSBRIDGE_AUTH_OIDC_NAME_CLAIM")).isEqualTo("email");
            assertThat(value(all, component, "ATSBRIDGE_AUTH_OIDC_CLOCK_SKEW")).isEqualTo("30s");
            assertThat(env(defaults, component)).as("%s without auth.oidc.issuer", component)
                    .noneMatch(e -> String.valueOf(e.get("name")).startsWith("ATSBRIDGE_AUTH_OIDC_"));
        }
        assertThat(env(all, "gateway")).noneMatch(e -> String.valueOf(e.get("name")).startsWith("ATSBRIDGE_AUTH_"));
    }

    @Test
    void withTlsOffEverythingIsPlaintextAndTheNotesWarn() {
        Rendered plaintext = Chart.render(Variant.DEFAULTS, "--set", "tls.enabled=false");
        for (String component : COMPONENTS) {
            assertThat(env(plaintext, component)).as(component)
                    .noneMatch(e -> String.valueOf(e.get("name")).startsWith("ATSBRIDGE_TLS_"));
            assertThat(Nodes.maps(plaintext.deployment(component), "spec", "template", "spec", "volumes"))
                    .as(component).noneMatch(v -> v.containsKey("secret") && "tls".equals(v.get("name")));
        }
        assertThat(plaintext.ofKind("Secret")).noneMatch(s -> Nodes.string(s, "metadata", "name").endsWith("-tls")
                || Nodes.string(s, "metadata", "name").endsWith("-tls-ca"));
        // Probes stay on the health port either way.
        assertThat(value(plaintext, "identity", "ATSBRIDGE_HEALTH_PORT")).isEqualTo("9111");

        // helm template prints no NOTES.txt: the rendered Deployments carry the warning, and NOTES.txt has it too.
        assertThat(plaintext.manifest()).contains("# WARNING: tls.enabled=false: this service's calls, tokens and "
                + "candidates' data cross the network in plaintext.");
        assertThat(Chart.render(Variant.DEFAULTS).manifest()).doesNotContain("WARNING");
        assertThat(ChartTools.get().chartDir().resolve("templates/NOTES.txt")).content()
                .contains("{{- if not .Values.tls.enabled }}", "WARNING: TLS between the services is off");
    }

    private static void assertCaller(Rendered rendered, String component, String caller, String tenants, String roles,
            String kind) {
        String prefix = "ATSBRIDGE_AUTH_TOKENS_" + caller;
        assertThat(value(rendered, component, prefix + "_TENANTS")).as("%s %s", component, caller).isEqualTo(tenants);
        assertThat(value(rendered, component, prefix + "_ROLES")).as("%s %s", component, caller).isEqualTo(roles);
        assertThat(value(rendered, component, prefix + "_KIND")).as("%s %s", component, caller).isEqualTo(kind);
    }

    private static List<String> callerVariables(String caller) {
        List<String> names = new ArrayList<>();
        for (String suffix : List.of("_SECRET", "_TENANTS", "_ROLES", "_KIND")) {
            names.add("ATSBRIDGE_AUTH_TOKENS_" + caller + suffix);
        }
        return names;
    }

    private static String decoded(Rendered rendered, String secret, String key) {
        String encoded = Nodes.string(rendered.get("Secret", secret), "data", key);
        return new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
    }

    static List<Map<String, Object>> env(Rendered rendered, String component) {
        return Nodes.maps(WorkloadConventionsTest.container(rendered, component), "env");
    }

    static Map<String, Object> variable(Rendered rendered, String component, String name) {
        return env(rendered, component).stream().filter(e -> name.equals(e.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError(component + " has no variable " + name));
    }

    static String value(Rendered rendered, String component, String name) {
        return Nodes.string(variable(rendered, component, name), "value");
    }
}
