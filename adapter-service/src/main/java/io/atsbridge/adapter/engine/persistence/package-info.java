/**
 * Inbox and engine seam, storage: the inbox, loop, audit-outbox, application-state and partner-assessment tables
 * in plain JDBC (claims need {@code FOR UPDATE SKIP LOCKED}), behind the interfaces {@code engine.domain} owns. Where a
 * step's audit records are stored it also writes the subscribers' events of the same step, in the same transaction,
 * through {@code outbound.persistence.OutboundRows} ({@code SyncEventsFromAudit}).
 * Its beans exist only in the {@code adapter} environment, so that the all-in-one launcher can run every
 * service in one JVM, each in its own application context.
 */
@Configuration
@Requires(env = "adapter")
package io.atsbridge.adapter.engine.persistence;

import io.micronaut.context.annotation.Configuration;
import io.micronaut.context.annotation.Requires;
