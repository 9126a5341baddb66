/**
 * Inbox and engine seam, the loop: workers claim inbox events and run the loop's steps (stage change, interview
 * result, candidate merge, an assessment partner's completion and cancellation), calling vendors through
 * {@code connector} and the other atsbridge services through {@code LoopPeers}; the audit relay, conflict review and
 * the failures that decide retries and dead letters. It works on the interfaces of {@code engine.domain} and
 * {@code connections.domain}; configuration wires it, persistence stores for it, and the events it causes reach
 * subscribers through the engine's storage, so it does not know {@code outbound} (ArchitectureTest).
 * Its beans exist only in the {@code adapter} environment, so that the all-in-one launcher can run every
 * service in one JVM, each in its own application context.
 */
@Configuration
@Requires(env = "adapter")
package io.atsbridge.adapter.engine.sync;

import io.micronaut.context.annotation.Configuration;
import io.micronaut.context.annotation.Requires;
