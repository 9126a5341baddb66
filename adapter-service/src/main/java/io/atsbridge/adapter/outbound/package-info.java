/**
 * Outbound events: what atsbridge tells the tenants' own systems (subscribers) about the loop —
 * {@code sync.succeeded}, {@code sync.conflict}, {@code sync.failed}, {@code consent.required} — signed
 * with Standard Webhooks v1 and delivered at least once by the {@link io.atsbridge.adapter.outbound.OutboundRelay}.
 * A seam of its own: it derives its events from the domain's audit entries, is stored behind the
 * {@link io.atsbridge.adapter.outbound.OutboundStore} it owns (implemented in {@code persistence}), and depends on
 * {@code domain} only — not on the engine, the tables or the wire (ArchitectureTest).
 * Its beans exist only in the {@code adapter} environment, so that the all-in-one launcher can run every
 * service in one JVM, each in its own application context.
 */
@Configuration
@Requires(env = "adapter")
package io.atsbridge.adapter.outbound;

import io.micronaut.context.annotation.Configuration;
import io.micronaut.context.annotation.Requires;
