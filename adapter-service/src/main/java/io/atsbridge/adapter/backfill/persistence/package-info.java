/**
 * Backfill seam, storage: the {@code backfill} table, behind the {@code Backfills} store that
 * {@code backfill.domain} owns.
 * Its beans exist only in the {@code adapter} environment, so that the all-in-one launcher can run every
 * service in one JVM, each in its own application context.
 */
@Configuration
@Requires(env = "adapter")
package io.atsbridge.adapter.backfill.persistence;

import io.micronaut.context.annotation.Configuration;
import io.micronaut.context.annotation.Requires;
