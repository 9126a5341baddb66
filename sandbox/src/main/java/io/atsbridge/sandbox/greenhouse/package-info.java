/**
 * The Greenhouse simulator: in-memory state served as Harvest v1 ({@code /greenhouse/v1}, HTTP Basic) and Harvest v3
 * ({@code /greenhouse/v3}, OAuth client credentials from {@code /greenhouse/auth/token}, cursor paging), recruiting
 * webhooks, and Greenhouse's side of the Assessment Partner API ({@link io.atsbridge.sandbox.greenhouse.GreenhouseAssessments}).
 * What each operation follows, and from which source, is in {@code contracts/greenhouse-harvest-v3}, {@code -v1} and
 * {@code greenhouse-assessment-partner} under the sandbox's resources; what the public material leaves open can be
 * switched per test ({@link io.atsbridge.sandbox.greenhouse.HarvestV3Options}, {@link io.atsbridge.sandbox.greenhouse.HarvestAccess}).
 * Its beans exist only in the {@code sandbox} environment, so that the all-in-one launcher can run the
 * sandbox next to every service in one JVM, each in its own application context.
 */
@Configuration
@Requires(env = "sandbox")
package io.atsbridge.sandbox.greenhouse;

import io.micronaut.context.annotation.Configuration;
import io.micronaut.context.annotation.Requires;
