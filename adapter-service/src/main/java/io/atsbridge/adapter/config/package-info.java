/**
 * adapter-service configuration, the top of the service: it reads the declaration file and the tuning
 * ({@link io.atsbridge.adapter.config.Declarations}) and the mapping profiles; each seam's {@code config} package
 * reads and stores its own part (connections, partners, subscribers). No seam reads a property class
 * (ArchitectureTest).
 * Its beans exist only in the {@code adapter} environment, so that the all-in-one launcher can run every
 * service in one JVM, each in its own application context.
 */
@Configuration
@Requires(env = "adapter")
package io.atsbridge.adapter.config;

import io.micronaut.context.annotation.Configuration;
import io.micronaut.context.annotation.Requires;
