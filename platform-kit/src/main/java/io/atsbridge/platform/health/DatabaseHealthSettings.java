package io.atsbridge.platform.health;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * How readiness follows the service's database, {@code atsbridge.health.database.*}; every key and its default is in
 * each service's YAML, and the same defaults stand here for a context built without it.
 *
 * @param interval how often the database is asked whether it answers
 * @param timeout  how long the driver may take to check a connection (whole seconds, at least 1)
 */
@ConfigurationProperties("atsbridge.health.database")
public record DatabaseHealthSettings(
        @Bindable(defaultValue = "5s") Duration interval,
        @Bindable(defaultValue = "2s") Duration timeout) {
}
