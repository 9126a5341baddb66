/**
 * edge-gateway grpc: the client side of the calls to adapter-service. Its beans exist only in the {@code gateway} environment, so that the
 * all-in-one launcher can run every service in one JVM, each in its own application context.
 */
@Configuration
@Requires(env = "gateway")
package io.atsbridge.gateway.grpc;

import io.micronaut.context.annotation.Configuration;
import io.micronaut.context.annotation.Requires;
