/**
 * audit-service bias audits, persistence. Its beans exist only in the {@code audit} environment, so that the
 * all-in-one launcher can run every service in one JVM, each in its own application context.
 */
@Configuration
@Requires(env = "audit")
package io.atsbridge.audit.bias.persistence;

import io.micronaut.context.annotation.Configuration;
import io.micronaut.context.annotation.Requires;
