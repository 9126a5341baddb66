/**
 * edge-gateway webhooks: per-vendor signature schemes and translation of vendor events into the
 * canonical event. Beans exist only in the {@code gateway} environment.
 */
@Configuration
@Requires(env = "gateway")
package io.atsbridge.gateway.webhook;

import io.micronaut.context.annotation.Configuration;
import io.micronaut.context.annotation.Requires;
