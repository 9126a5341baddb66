/**
 * The Lever Data API v1 simulator: in-memory state, the {@code /lever/v1} endpoints and Lever's signed webhooks.
 * Its beans exist only in the {@code sandbox} environment, so that the all-in-one launcher can run the
 * sandbox next to every service in one JVM, each in its own application context.
 */
@Configuration
@Requires(env = "sandbox")
package io.atsbridge.sandbox.lever;

import io.micronaut.context.annotation.Configuration;
import io.micronaut.context.annotation.Requires;
