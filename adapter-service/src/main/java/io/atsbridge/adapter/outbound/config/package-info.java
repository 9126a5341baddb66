/**
 * Outbound seam, configuration: the subscribers of the declaration file ({@code atsbridge.subscribers.<id>}), stored
 * through {@code Subscribers} at start-up.
 * Its beans exist only in the {@code adapter} environment, so that the all-in-one launcher can run every
 * service in one JVM, each in its own application context.
 */
@Configuration
@Requires(env = "adapter")
package io.atsbridge.adapter.outbound.config;

import io.micronaut.context.annotation.Configuration;
import io.micronaut.context.annotation.Requires;
