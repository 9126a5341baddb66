/**
 * Connections seam, the vendor clients: the {@code Connectors} bean that hands the engine and backfill a vendor
 * client for a stored connection (the vendor code itself is the {@code connectors} module). It depends on
 * {@code connections.domain} for the connection and its credentials.
 * Its beans exist only in the {@code adapter} environment, so that the all-in-one launcher can run every
 * service in one JVM, each in its own application context.
 */
@Configuration
@Requires(env = "adapter")
package io.atsbridge.adapter.connections.connector;

import io.micronaut.context.annotation.Configuration;
import io.micronaut.context.annotation.Requires;
