/**
 * Connections seam, configuration: the connections of the declaration file ({@code atsbridge.connections.<id>}),
 * checked against the rules of each vendor's module and stored through {@code ConnectionDirectory} at start-up.
 * Its beans exist only in the {@code adapter} environment, so that the all-in-one launcher can run every
 * service in one JVM, each in its own application context.
 */
@Configuration
@Requires(env = "adapter")
package io.atsbridge.adapter.connections.config;

import io.micronaut.context.annotation.Configuration;
import io.micronaut.context.annotation.Requires;
