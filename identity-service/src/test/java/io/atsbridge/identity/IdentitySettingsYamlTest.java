package io.atsbridge.identity;

import io.atsbridge.platform.health.DatabaseHealthSettings;
import io.atsbridge.platform.startup.ServiceIdentity;
import io.atsbridge.platform.testing.SettingsYaml;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Every identity-service setting has its key in {@code application-identity.yml}, with the record's default. */
class IdentitySettingsYamlTest {

    @Test
    void everySettingIsInTheYamlWithItsDefault() {
        assertThat(SettingsYaml.load("application-identity.yml")
                .withOwnValues("atsbridge.service.name")
                .mismatches(ServiceIdentity.class, DatabaseHealthSettings.class))
                .isEmpty();
    }
}
