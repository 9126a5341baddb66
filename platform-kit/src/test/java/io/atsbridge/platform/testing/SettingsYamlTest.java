package io.atsbridge.platform.testing;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SettingsYamlTest {

    private final SettingsYaml yaml = SettingsYaml.load("settings-yaml-fixture.yml");

    @ConfigurationProperties("fixture.tuning")
    record Agreeing(@Bindable(defaultValue = "true") boolean enabled,
                    @Bindable(defaultValue = "5s") Duration pollInterval,
                    @Bindable(defaultValue = "classpath:a.csv") String location,
                    @Nullable String token,
                    Section section) {

        @ConfigurationProperties("section")
        record Section(@Bindable(defaultValue = "10") int size) {
        }
    }

    @ConfigurationProperties("fixture.tuning")
    record Drifted(@Bindable(defaultValue = "false") boolean enabled,
                   @Bindable(defaultValue = "5s") Duration pollInterval,
                   @Bindable(defaultValue = "3") int retries) {
    }

    record NotSettings(int size) {
    }

    @Test
    void recordsThatAgreeWithTheYamlHaveNoMismatches() {
        assertThat(yaml.mismatches(Agreeing.class)).isEmpty();
    }

    @Test
    void aDifferentDefaultAMissingKeyAndAKeyNobodyReadsAreEachNamed() {
        assertThat(yaml.mismatches(Drifted.class)).containsExactly(
                "settings-yaml-fixture.yml gives fixture.tuning.enabled the default 'true', Drifted.enabled 'false': "
                        + "make them the same",
                "settings-yaml-fixture.yml has no fixture.tuning.retries (Drifted.retries): add it, commented, "
                        + "with the default '3'",
                "settings-yaml-fixture.yml sets fixture.tuning.location, which Drifted does not read: add the component "
                        + "or remove the key",
                "settings-yaml-fixture.yml sets fixture.tuning.token, which Drifted does not read: add the component "
                        + "or remove the key");
    }

    @Test
    void aKeyHoldingTheServicesOwnValueNeedsOnlyBeThere() {
        assertThat(yaml.withOwnValues("fixture.tuning.enabled", "fixture.tuning.retries").mismatches(Drifted.class))
                .noneMatch(problem -> problem.contains("fixture.tuning.enabled"))
                .anyMatch(problem -> problem.contains("has no fixture.tuning.retries"));
    }

    @Test
    void onlyConfigurationPropertiesRecordsAreChecked() {
        assertThatThrownBy(() -> yaml.mismatches(NotSettings.class))
                .hasMessageContaining("is not a @ConfigurationProperties record");
    }
}
