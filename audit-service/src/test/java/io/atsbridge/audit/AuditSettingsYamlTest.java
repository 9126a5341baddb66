package io.atsbridge.audit;

import io.atsbridge.audit.domain.SigningSettings;
import io.atsbridge.platform.health.DatabaseHealthSettings;
import io.atsbridge.platform.startup.ServiceIdentity;
import io.atsbridge.platform.testing.SettingsYaml;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Every audit-service setting has its key in {@code application-audit.yml}, with the record's default. */
class AuditSettingsYamlTest {

    @Test
    void everySettingIsInTheYamlWithItsDefault() {
        assertThat(SettingsYaml.load("application-audit.yml")
                .withOwnValues("atsbridge.service.name")
                .mismatches(ServiceIdentity.class, DatabaseHealthSettings.class, SigningSettings.class))
                .isEmpty();
    }
}
