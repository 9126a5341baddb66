package io.atsbridge.platform.startup;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EnvironmentCatalogTest {

    private final EnvironmentCatalog catalog = EnvironmentCatalog.load("probe-service");

    @Test
    void includesTheSharedCatalogs() {
        assertThat(catalog.variables()).extracting(EnvironmentCatalog.Variable::name)
                .contains("PROBE_GRPC_PORT", "ATSBRIDGE_LOG_LEVEL", "ATSBRIDGE_AUTH_TOKENS_{CALLER}_SECRET");
        assertThat(catalog.find("ATSBRIDGE_AUTH_TOKENS_OPERATOR_SECRET")).get()
                .extracting(EnvironmentCatalog.Variable::secret).isEqualTo(true);
    }

    @Test
    void placeholdersMatchOneOrMoreWords() {
        assertThat(catalog.find("ATSBRIDGE_AUTH_TOKENS_OPS_TEAM_ROLES")).isPresent();
        assertThat(catalog.find("ATSBRIDGE_AUTH_TOKENS__ROLES")).isEmpty();
        assertThat(catalog.find("ATSBRIDGE_AUTH_TOKENS_ROLES")).isEmpty();
        assertThat(catalog.find("ATSBRIDGE_AUTH_TOKENS_ops_ROLES")).isEmpty();
    }

    @Test
    void onlyNamesUnderTheServicesPrefixesCanBeUnknown() {
        assertThat(catalog.unknown(List.of("PROBE_GRPC_PORT", "PROBE_GRPC_PROT", "ATSBRIDGE_AUTH_TOKEN_X_SECRET",
                "PATH", "JAVA_TOOL_OPTIONS", "IDENTITY_GRPC_PORT", "ATSBRIDGE_TEST_JDBC_URL")))
                .containsExactly("ATSBRIDGE_AUTH_TOKEN_X_SECRET", "PROBE_GRPC_PROT");
    }

    @Test
    void anUnknownVariableIsRefusedWithTheNameItProbablyMeant() {
        assertThatThrownBy(() -> catalog.checkNoUnknown(Map.of("PROBE_GRPC_PROT", "1", "PROBE_GRPC_PORT", "2")))
                .isInstanceOf(MissingConfigurationException.class)
                .hasMessage("unknown environment variable PROBE_GRPC_PROT (did you mean PROBE_GRPC_PORT?); probe-service "
                        + "reads only the variables listed in the README's configuration tables; remove or correct it");
        assertThatThrownBy(() -> catalog.checkNoUnknown(Map.of("PROBE_SOMETHING_ELSE_ENTIRELY", "1")))
                .hasMessageStartingWith("unknown environment variable PROBE_SOMETHING_ELSE_ENTIRELY;");
    }

    @Test
    void aKnownEnvironmentPasses() {
        catalog.checkNoUnknown(Map.of("PROBE_GRPC_PORT", "1", "ATSBRIDGE_AUTH_TOKENS_OPERATOR_SECRET", "s", "HOME", "/root"));
        assertThat(catalog.unknown(List.of("PROBE_GRPC_PORT"))).isEmpty();
    }

    @Test
    void requiredVariablesAndFamiliesAreReportedWhenMissing() {
        assertThat(catalog.missingRequired(List.of("PROBE_GRPC_PORT")))
                .extracting(EnvironmentCatalog.Variable::name)
                .containsExactlyInAnyOrder("PROBE_DATASOURCE_URL", "ATSBRIDGE_AUTH_TOKENS_{CALLER}_SECRET");
        assertThat(catalog.missingRequired(List.of("PROBE_DATASOURCE_URL", "ATSBRIDGE_AUTH_TOKENS_ADAPTER_SECRET"))).isEmpty();
    }

    @Test
    void aUnionRequiresNothingAndKnowsEveryPart() {
        EnvironmentCatalog union = EnvironmentCatalog.union("all", List.of(catalog, EnvironmentCatalog.load("peer-client")),
                List.of(new EnvironmentCatalog.Variable("ATSBRIDGE_DATA_DIR", false, false, "data")));
        assertThat(union.missingRequired(List.of())).isEmpty();
        assertThat(union.unknown(List.of("ATSBRIDGE_DATA_DIR", "ATSBRIDGE_PEERS_MAPPING_ADDRESS", "PROBE_GRPC_PORT",
                "ATSBRIDGE_NOPE"))).containsExactly("ATSBRIDGE_NOPE");
    }
}
