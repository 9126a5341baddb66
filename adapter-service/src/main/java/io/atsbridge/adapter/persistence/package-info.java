/**
 * The JDBC helpers every seam's storage shares ({@code Sql}, {@code TransactionRetry}); the tables themselves are
 * in each seam's {@code persistence} package, behind the interfaces the seam's {@code domain} owns. Only
 * {@code persistence} packages use it (ArchitectureTest).
 * Its beans exist only in the {@code adapter} environment, so that the all-in-one launcher can run every
 * service in one JVM, each in its own application context.
 */
@Configuration
@Requires(env = "adapter")
package io.atsbridge.adapter.persistence;

import io.micronaut.context.annotation.Configuration;
import io.micronaut.context.annotation.Requires;
