/**
 * edge-gateway http. Its beans exist only in the {@code gateway} environment, so that the
 * all-in-one launcher can run every service in one JVM, each in its own application context.
 */
@Requires(env = "gateway")
package io.atsbridge.gateway.http;

import io.micronaut.context.annotation.Requires;
