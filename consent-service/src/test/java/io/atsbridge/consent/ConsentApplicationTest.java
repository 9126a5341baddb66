package io.atsbridge.consent;

import io.atsbridge.platform.startup.StartupFailure;
import io.atsbridge.platform.testing.TestCalls;
import io.atsbridge.platform.testing.TestDatabase;
import io.atsbridge.platform.testing.TestPorts;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

class ConsentApplicationTest {

    @Test
    void aMissingRulePackStopsStartUpWithOneLineSayingWhatToSet() {
        try (TestDatabase database = TestDatabase.create("consent_start")) {
            Map<String, Object> properties = new HashMap<>(database.micronautProperties());
            properties.putAll(TestCalls.authProperties());
            properties.put("grpc.server.port", TestPorts.freeText());
            properties.put("atsbridge.consent.rule-pack", "classpath:rules/no-such-pack.csv");

            Throwable failure = catchThrowable(() -> {
                try (ApplicationContext context = ApplicationContext.builder()
                        .environments(ConsentApplication.ENVIRONMENT).properties(properties).start()) {
                    context.getEnvironment();
                }
            });

            assertThat(failure).isNotNull();
            assertThat(StartupFailure.describe("consent-service", failure, database.jdbcUrl(), "CONSENT_DATASOURCE_URL"))
                    .isEqualTo("consent-service cannot start: rule pack 'classpath:rules/no-such-pack.csv' does not "
                            + "exist; set CONSENT_RULE_PACK to a classpath: or file: location of a jurisdiction rule CSV");
        }
    }
}
