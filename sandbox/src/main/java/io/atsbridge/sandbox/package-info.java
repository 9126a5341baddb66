/**
 * The sandbox facade: starts both simulators on one HTTP server, in-process or standalone.
 * Its beans exist only in the {@code sandbox} environment, so that the all-in-one launcher can run the
 * sandbox next to every service in one JVM, each in its own application context.
 */
@Configuration
@Requires(env = "sandbox")
package io.atsbridge.sandbox;

import io.micronaut.context.annotation.Configuration;
import io.micronaut.context.annotation.Requires;
