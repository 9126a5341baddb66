/**
 * mapping-service grpc. Its beans exist only in the {@code mapping} environment, so that the
 * all-in-one launcher can run every service in one JVM, each in its own application context.
 */
@Configuration
@Requires(env = "mapping")
package io.atsbridge.mapping.grpc;

import io.micronaut.context.annotation.Configuration;
import io.micronaut.context.annotation.Requires;
