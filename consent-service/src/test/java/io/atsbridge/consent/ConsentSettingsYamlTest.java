package io.atsbridge.consent;

import io.atsbridge.consent.domain.ConsentSettings;
import io.atsbridge.platform.health.DatabaseHealthSettings;
import io.atsbridge.platform.startup.ServiceIdentity;
import io.atsbridge.platform.testing.SettingsYaml;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Every consent-service setting has its key in {@code application-consent.yml}, with its record's default. */
class ConsentSettingsYamlTest {

    @Test
    void everySettingIsInTheYamlWithItsDefault() {
        assertThat(SettingsYaml.load("application-consent.yml")
                .withOwnValues("atsbridge.service.name")
                .mismatches(ServiceIdentity.class, DatabaseHealthSettings.class, ConsentSettings.class))
                .isEmpty();
    }
}
