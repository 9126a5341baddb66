/**
 * HTTP plumbing shared by the simulators: outbound webhook delivery with retries, JSON responses.
 * Its beans exist only in the {@code sandbox} environment, so that the all-in-one launcher can run the
 * sandbox next to every service in one JVM, each in its own application context.
 */
@Configuration
@Requires(env = "sandbox")
package io.atsbridge.sandbox.http;

import io.micronaut.context.annotation.Configuration;
import io.micronaut.context.annotation.Requires;
