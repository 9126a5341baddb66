package io.atsbridge.gateway;

import io.atsbridge.gateway.config.GatewaySettings;
import io.atsbridge.platform.client.ClientSettings;
import io.atsbridge.platform.startup.ServiceIdentity;
import io.atsbridge.platform.testing.SettingsYaml;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Every edge-gateway setting has its key in {@code application-gateway.yml}, with the record's default. */
class GatewaySettingsYamlTest {

    @Test
    void everySettingIsInTheYamlWithItsDefault() {
        assertThat(SettingsYaml.load("application-gateway.yml")
                .withOwnValues("atsbridge.service.name")
                .mismatches(ServiceIdentity.class, ClientSettings.class, GatewaySettings.class))
                .isEmpty();
    }
}
