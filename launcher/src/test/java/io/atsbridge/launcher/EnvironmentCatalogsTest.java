package io.atsbridge.launcher;

import io.atsbridge.platform.startup.EnvironmentCatalog;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The catalogs of environment variables stay true: every variable a service's configuration file reads is in
 * its catalog (or the service would refuse its own setting), and every variable in a catalog is in the README.
 */
class EnvironmentCatalogsTest {

    private static final Map<String, String> CONFIGURATION_FILES = Map.of(
            "identity-service", "application-identity.yml",
            "mapping-service", "application-mapping.yml",
            "consent-service", "application-consent.yml",
            "audit-service", "application-audit.yml",
            "adapter-service", "application-adapter.yml",
            "edge-gateway", "application-gateway.yml");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");

    @Test
    void everyVariableAConfigurationFileReadsIsInItsServicesCatalog() throws IOException {
        for (Map.Entry<String, String> service : CONFIGURATION_FILES.entrySet()) {
            EnvironmentCatalog catalog = EnvironmentCatalog.load(service.getKey());
            String yaml = resource(service.getValue());
            // Commented lines are examples of an operator's own variables, not the service's.
            String active = yaml.lines().filter(line -> !line.trim().startsWith("#")).reduce("", (a, b) -> a + b + "\n");
            Matcher matcher = PLACEHOLDER.matcher(active);
            int found = 0;
            while (matcher.find()) {
                found++;
                assertThat(catalog.find(matcher.group(1))).as(service.getKey() + " reads " + matcher.group(1)).isPresent();
            }
            assertThat(found).as(service.getValue() + " placeholders").isGreaterThan(0);
        }
    }

    @Test
    void everyCatalogedVariableIsDocumentedInTheReadme() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        for (String service : CONFIGURATION_FILES.keySet()) {
            for (EnvironmentCatalog.Variable variable : EnvironmentCatalog.load(service).variables()) {
                String name = documentedForm(variable.name());
                // The five services' database variables are written once, for <SERVICE>.
                String generic = name.replaceFirst("^(IDENTITY|MAPPING|CONSENT|AUDIT|ADAPTER)_DATASOURCE_", "<SERVICE>_DATASOURCE_");
                assertThat(readme.contains("`" + name + "`") || readme.contains("`" + generic + "`"))
                        .as(service + " reads " + name + ": the README's configuration table must name it").isTrue();
            }
        }
    }

    @Test
    void theLauncherKnowsEveryServicesVariablesAndItsOwn() {
        EnvironmentCatalog launcher = Launcher.launcherEnvironment();
        assertThat(launcher.unknown(List.of("ATSBRIDGE_DATA_DIR", "ATSBRIDGE_CONFIG", "IDENTITY_GRPC_PORT",
                "GATEWAY_HTTP_PORT", "ATSBRIDGE_ADAPTER_MASTER_KEY", "ATSBRIDGE_CONNECTIONS_GH_ACME_TENANT", "GATEWAY_PORT")))
                .containsExactly("GATEWAY_PORT");
        assertThat(launcher.missingRequired(List.of())).isEmpty();
    }

    /** {@code ATSBRIDGE_AUTH_TOKENS_{CALLER}_SECRET} is written {@code ATSBRIDGE_AUTH_TOKENS_<CALLER>_SECRET} in the README. */
    private static String documentedForm(String name) {
        return name.replace('{', '<').replace('}', '>');
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = EnvironmentCatalogsTest.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
