/**
 * Outbound seam: what atsbridge tells the tenants' own systems (subscribers) about the loop —
 * {@code sync.succeeded}, {@code sync.conflict}, {@code sync.failed}, {@code consent.required} — signed
 * with Standard Webhooks v1 and delivered at least once by the {@link io.atsbridge.adapter.outbound.domain.OutboundRelay}.
 * It is stored behind the {@link io.atsbridge.adapter.outbound.domain.OutboundStore} it owns (implemented in
 * {@code outbound.persistence}); the engine's storage writes the events of a step in the step's transaction. It
 * builds on connections only (subscribers' secrets are sealed like connection secrets): not on the engine, the
 * wire or configuration (ArchitectureTest).
 * Its beans exist only in the {@code adapter} environment, so that the all-in-one launcher can run every
 * service in one JVM, each in its own application context.
 */
@Configuration
@Requires(env = "adapter")
package io.atsbridge.adapter.outbound.domain;

import io.micronaut.context.annotation.Configuration;
import io.micronaut.context.annotation.Requires;
