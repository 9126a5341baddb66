/**
 * Backfill seam: a backfill reads an ATS connection's applications page by page and puts a stage event for each
 * changed one into the engine's inbox ({@code BackfillRunner}); {@code Backfills} is the store of runs it owns. It
 * builds on the engine and on connections; nothing below it knows it.
 * Its beans exist only in the {@code adapter} environment, so that the all-in-one launcher can run every
 * service in one JVM, each in its own application context.
 */
@Configuration
@Requires(env = "adapter")
package io.atsbridge.adapter.backfill.domain;

import io.micronaut.context.annotation.Configuration;
import io.micronaut.context.annotation.Requires;
