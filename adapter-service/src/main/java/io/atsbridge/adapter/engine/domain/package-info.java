/**
 * Inbox and engine seam, domain: the inbox and its queue, dead letters, loop cases and their state machine
 * ({@code LoopTransitions}), field ownership and write conflicts, audit entries and their outbox, the assessments
 * ATSs order from atsbridge as their partner ({@code AssessmentPartners}), and the interfaces they are stored
 * behind ({@code Inbox}, {@code InboxQueue}, {@code LoopStore}, {@code AuditOutbox}, {@code ApplicationStates},
 * {@code AssessmentPartnerStore}). It builds on {@code connections.domain} only.
 * Its beans exist only in the {@code adapter} environment, so that the all-in-one launcher can run every
 * service in one JVM, each in its own application context.
 */
@Configuration
@Requires(env = "adapter")
package io.atsbridge.adapter.engine.domain;

import io.micronaut.context.annotation.Configuration;
import io.micronaut.context.annotation.Requires;
