/**
 * adapter-service configuration, the top of the service: it reads the declared connections, subscribers,
 * mapping profiles and tuning ({@link io.atsbridge.adapter.config.Declarations}), stores them through the seams
 * that own them ({@code domain.ConnectionDirectory}, {@code outbound.Subscribers}) and checks at start-up what
 * the engine ({@code sync}) needs. It depends on the seams; no seam reads a property class (ArchitectureTest).
 * Its beans exist only in the {@code adapter} environment, so that the all-in-one launcher can run every
 * service in one JVM, each in its own application context.
 */
@Configuration
@Requires(env = "adapter")
package io.atsbridge.adapter.config;

import io.micronaut.context.annotation.Configuration;
import io.micronaut.context.annotation.Requires;
