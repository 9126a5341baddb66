/**
 * adapter-service grpc: translates between the proto contract and the seams (connections, the engine's inbox, dead
 * letters and conflict review, backfills, partner assessments), never touching tables, JDBC or transactions
 * (ArchitectureTest). Nothing in the service depends on it.
 * Its beans exist only in the {@code adapter} environment, so that the all-in-one launcher can run every
 * service in one JVM, each in its own application context.
 */
@Configuration
@Requires(env = "adapter")
package io.atsbridge.adapter.grpc;

import io.micronaut.context.annotation.Configuration;
import io.micronaut.context.annotation.Requires;
