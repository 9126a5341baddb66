package io.atsbridge.mapping;

import io.atsbridge.platform.health.DatabaseHealthSettings;
import io.atsbridge.platform.startup.ServiceIdentity;
import io.atsbridge.platform.testing.SettingsYaml;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Every mapping-service setting has its key in {@code application-mapping.yml}, with the record's default. */
class MappingSettingsYamlTest {

    @Test
    void everySettingIsInTheYamlWithItsDefault() {
        assertThat(SettingsYaml.load("application-mapping.yml")
                .withOwnValues("atsbridge.service.name")
                .mismatches(ServiceIdentity.class, DatabaseHealthSettings.class))
                .isEmpty();
    }
}
