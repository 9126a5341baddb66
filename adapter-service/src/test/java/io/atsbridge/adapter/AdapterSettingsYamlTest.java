package io.atsbridge.adapter;

import io.atsbridge.adapter.backfill.domain.BackfillSettings;
import io.atsbridge.adapter.connections.connector.VendorHttpSettings;
import io.atsbridge.adapter.connections.domain.AdapterSettings;
import io.atsbridge.adapter.engine.sync.WorkerSettings;
import io.atsbridge.adapter.outbound.domain.OutboundSettings;
import io.atsbridge.platform.client.ClientSettings;
import io.atsbridge.platform.health.DatabaseHealthSettings;
import io.atsbridge.platform.startup.ServiceIdentity;
import io.atsbridge.platform.testing.SettingsYaml;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Every adapter setting has its key in {@code application-adapter.yml}, with the record's default. */
class AdapterSettingsYamlTest {

    @Test
    void everySettingIsInTheYamlWithItsDefault() {
        assertThat(SettingsYaml.load("application-adapter.yml")
                .withOwnValues("atsbridge.service.name")
                .mismatches(ServiceIdentity.class, DatabaseHealthSettings.class, ClientSettings.class,
                        AdapterSettings.class, WorkerSettings.class, VendorHttpSettings.class, BackfillSettings.class,
                        OutboundSettings.class))
                .isEmpty();
    }
}
