/**
 * Webhook signing as each simulated vendor does it: Greenhouse {@code Signature: sha256 <hex>} over Ruby-escaped JSON, and Standard Webhooks v1.
 * Its beans exist only in the {@code sandbox} environment, so that the all-in-one launcher can run the
 * sandbox next to every service in one JVM, each in its own application context.
 */
@Configuration
@Requires(env = "sandbox")
package io.atsbridge.sandbox.signing;

import io.micronaut.context.annotation.Configuration;
import io.micronaut.context.annotation.Requires;
