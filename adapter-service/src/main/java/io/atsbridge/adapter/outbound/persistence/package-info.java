/**
 * Outbound seam, storage: subscribers, their deliveries and the outbound events behind {@code OutboundStore}, and
 * {@code OutboundRows}, with which the engine's storage writes a step's events in the step's own transaction.
 * Its beans exist only in the {@code adapter} environment, so that the all-in-one launcher can run every
 * service in one JVM, each in its own application context.
 */
@Configuration
@Requires(env = "adapter")
package io.atsbridge.adapter.outbound.persistence;

import io.micronaut.context.annotation.Configuration;
import io.micronaut.context.annotation.Requires;
