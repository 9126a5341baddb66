/**
 * edge-gateway webhooks: receiving a webhook with its vendor's signature scheme and translation (each vendor's from
 * the connectors library's registry), and telling vendors' retries from replays. Beans exist only in the
 * {@code gateway} environment.
 */
@Configuration
@Requires(env = "gateway")
package io.atsbridge.gateway.webhook;

import io.micronaut.context.annotation.Configuration;
import io.micronaut.context.annotation.Requires;
