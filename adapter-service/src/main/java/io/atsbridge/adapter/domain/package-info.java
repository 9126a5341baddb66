/**
 * adapter-service domain, the bottom every other package builds on: connections and their secrets
 * ({@link io.atsbridge.adapter.domain.ConnectionDirectory}), the inbox and its queue, loop cases and field
 * ownership, audit entries and the outbox, backfills. Where something is stored it owns the interface
 * ({@link io.atsbridge.adapter.domain.ConnectionStore}, {@code Inbox}, {@code InboxQueue}, {@code LoopStore},
 * {@code AuditOutbox}, {@code Backfills}, {@code ApplicationStates}) and {@code persistence} implements it; it
 * depends on no other package of the service (ArchitectureTest). Its beans exist only in the {@code adapter}
 * environment, so that the all-in-one launcher can run every service in one JVM, each in its own application
 * context.
 */
@Configuration
@Requires(env = "adapter")
package io.atsbridge.adapter.domain;

import io.micronaut.context.annotation.Configuration;
import io.micronaut.context.annotation.Requires;
