/**
 * Fault injection for the sandbox's simulated vendors: per path prefix ({@code /greenhouse}, {@code /lever},
 * {@code /ashby}, {@code /ai}) a share of 5xx answers, added latency, outages and 429 storms, set at run time
 * through {@code Sandbox.faults()}. Its beans exist only in the {@code sandbox} environment.
 */
@Configuration
@Requires(env = "sandbox")
package io.atsbridge.sandbox.faults;

import io.micronaut.context.annotation.Configuration;
import io.micronaut.context.annotation.Requires;
