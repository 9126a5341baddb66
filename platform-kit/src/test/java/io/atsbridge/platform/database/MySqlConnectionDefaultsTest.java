package io.atsbridge.platform.database;

import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import io.micronaut.context.ApplicationContext;
import io.micronaut.inject.qualifiers.Qualifiers;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MySqlConnectionDefaultsTest {

    @Test
    void aPlainMySqlUrlGetsTheSettingsEveryConnectionNeeds() {
        assertThat(properties("jdbc:mysql://db.internal:3306/atsbridge_identity"))
                .containsEntry("connectionTimeZone", "UTC")
                .containsEntry("connectTimeout", "5000");
    }

    @Test
    void whatTheUrlSetsItselfIsLeftAsItIs() {
        assertThat(properties("jdbc:mysql://db:3306/x?sslMode=VERIFY_IDENTITY&connectTimeout=2000"))
                .containsEntry("connectionTimeZone", "UTC")
                .doesNotContainKey("connectTimeout");
    }

    @Test
    void mariaDbsOwnDriverGetsTheTimeOut() {
        assertThat(properties("jdbc:mariadb://db:3306/x")).containsExactly(Map.entry("connectTimeout", "5000"));
    }

    @Test
    void otherDriversAreLeftAlone() {
        assertThat(properties("jdbc:h2:mem:probe;MODE=MySQL")).isEmpty();
    }

    private static Map<Object, Object> properties(String url) {
        try (ApplicationContext context = ApplicationContext.run(Map.of(
                "datasources.default.url", url,
                "datasources.default.username", "probe",
                // The pool starts without a connection: nothing listens at these addresses.
                "datasources.default.initialization-fail-timeout", "-1",
                "grpc.server.enabled", "false"))) {
            DatasourceConfiguration configuration = context.getBean(DatasourceConfiguration.class, Qualifiers.byName("default"));
            return Map.copyOf(configuration.getDataSourceProperties());
        }
    }
}
