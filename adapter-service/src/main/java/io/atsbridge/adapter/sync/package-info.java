/**
 * adapter-service inbox and sync engine: workers claim inbox events and run the loop's steps (stage change,
 * interview result, candidate merge), calling vendors through {@code connector} and the other atsbridge
 * services through {@code LoopPeers}. It works on the domain's interfaces only; configuration wires it
 * ({@code config} depends on it, never the reverse), persistence stores for it behind those interfaces, and
 * the outbound events it causes reach subscribers through the audit outbox, so it does not know
 * {@code outbound}. Its beans exist only in the {@code adapter} environment, so that the all-in-one launcher
 * can run every service in one JVM, each in its own application context.
 */
@Configuration
@Requires(env = "adapter")
package io.atsbridge.adapter.sync;

import io.micronaut.context.annotation.Configuration;
import io.micronaut.context.annotation.Requires;
