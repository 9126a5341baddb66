/**
 * The Greenhouse simulator: in-memory state served as Harvest v1 ({@code /greenhouse/v1}, HTTP Basic) and Harvest v3
 * ({@code /greenhouse/v3}, OAuth client credentials from {@code /greenhouse/auth/token}, cursor paging), and
 * recruiting webhooks.
 * Its beans exist only in the {@code sandbox} environment, so that the all-in-one launcher can run the
 * sandbox next to every service in one JVM, each in its own application context.
 */
@Configuration
@Requires(env = "sandbox")
package io.atsbridge.sandbox.greenhouse;

import io.micronaut.context.annotation.Configuration;
import io.micronaut.context.annotation.Requires;
