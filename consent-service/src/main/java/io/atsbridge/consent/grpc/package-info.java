/**
 * consent-service grpc. Its beans exist only in the {@code consent} environment, so that the
 * all-in-one launcher can run every service in one JVM, each in its own application context.
 */
@Configuration
@Requires(env = "consent")
package io.atsbridge.consent.grpc;

import io.micronaut.context.annotation.Configuration;
import io.micronaut.context.annotation.Requires;
