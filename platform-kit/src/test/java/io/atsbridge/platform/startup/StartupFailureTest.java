package io.atsbridge.platform.startup;

import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.sql.SQLNonTransientConnectionException;

import static org.assertj.core.api.Assertions.assertThat;

class StartupFailureTest {

    @Test
    void missingConfigurationIsReportedAsItsOwnLine() {
        RuntimeException failure = new RuntimeException("Error instantiating bean",
                new MissingConfigurationException("no caller tokens configured: set ATSBRIDGE_AUTH_TOKENS_<CALLER>_SECRET"));
        assertThat(StartupFailure.describe("identity-service", failure, null, "IDENTITY_DATASOURCE_URL"))
                .isEqualTo("identity-service cannot start: no caller tokens configured: set ATSBRIDGE_AUTH_TOKENS_<CALLER>_SECRET");
    }

    @Test
    void unreachableDatabaseNamesTheUrlWithoutSecretsAndTheSetting() {
        RuntimeException failure = new RuntimeException("Flyway failed",
                new SQLNonTransientConnectionException("Could not create connection", "08001",
                        new ConnectException("Connection refused")));
        String line = StartupFailure.describe("audit-service", failure,
                "jdbc:mysql://db.internal:3306/audit?user=app&password=hunter2", "AUDIT_DATASOURCE_URL");
        assertThat(line)
                .startsWith("audit-service cannot start: database jdbc:mysql://db.internal:3306/audit")
                .contains("unreachable", "Connection refused", "AUDIT_DATASOURCE_URL")
                .doesNotContain("hunter2")
                .doesNotContain("\n");
    }

    @Test
    void redactRemovesUserInfoAndPasswordParameters() {
        assertThat(StartupFailure.redact("jdbc:mysql://app:s3cret@db:3306/x?password=p&pwd=q&useSSL=true"))
                .isEqualTo("jdbc:mysql://***@db:3306/x?password=***&pwd=***&useSSL=true");
        assertThat(StartupFailure.redact(null)).isEqualTo("(no URL configured)");
    }

    @Test
    void aPortInUseNamesThePortAndTheVariableThatMovesIt() {
        RuntimeException failure = new RuntimeException("Failed to start gRPC server",
                new java.io.IOException("Failed to bind to address 0.0.0.0/0.0.0.0:9101",
                        new java.net.BindException("Address already in use")));
        assertThat(StartupFailure.describe(ServiceDefinition.grpc("identity"), failure, null, 9101))
                .isEqualTo("identity-service cannot start: port 9101 is already in use (Address already in use); "
                        + "stop what listens there or set IDENTITY_GRPC_PORT to another port");
    }
}
