package io.atsbridge.adapter.engine.domain;

import io.micronaut.core.annotation.Nullable;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The inbox as a work queue for the sync engine. Claiming takes events in arrival order that are
 * pending (and past their not-before time) or whose lease expired, skipping events another worker
 * holds, so any number of workers and replicas take each event once at a time. Every outcome is
 * written only while the claim is still the event's latest.
 */
public interface InboxQueue {

    /** The longest outcome text stored; longer ones are cut. */
    int MAX_OUTCOME = 1000;

    /** Claims up to {@code limit} events for {@code lease}, counting an attempt on each. */
    List<ClaimedEvent> claim(int limit, Duration lease, Instant now);

    /**
     * Renews the lease of a claimed event that waited in its batch while the worker processed the
     * events before it, so the lease covers the processing about to start.
     *
     * @return false when the claim is no longer the event's latest (its lease ran out and another
     * worker claimed it): the caller must leave the event alone
     */
    boolean renew(ClaimedEvent event, Duration lease, Instant now);

    /**
     * Ends processing of a claimed event with a final status and stores the audit records that go
     * with it, in one transaction.
     *
     * @param outcome what happened, for people; cut to {@link #MAX_OUTCOME} characters
     * @return false when the claim is no longer the event's latest (its lease ran out and another
     * worker claimed it); the audit records are stored all the same
     */
    boolean finish(ClaimedEvent event, EventStatus status, String outcome, List<AuditEntry> audit, Instant now);

    /**
     * Puts a claimed event back as pending without counting this attempt: the vendor's connection held
     * the work back (circuit open, rate limit), the work itself did not fail.
     *
     * @return false when the claim is no longer the event's latest
     */
    boolean defer(ClaimedEvent event, Instant notBefore, String outcome);

    /**
     * Holds a claimed event until {@code notBefore} without counting this attempt, storing the audit records that say
     * why in the same transaction: the work may not happen yet and will be allowed then (a notice period running).
     *
     * @return false when the claim is no longer the event's latest; the audit records are stored all the same
     */
    boolean hold(ClaimedEvent event, Instant notBefore, String outcome, List<AuditEntry> audit, Instant now);

    /**
     * Puts a claimed event back as pending, not to be claimed before {@code notBefore}.
     *
     * @return false when the claim is no longer the event's latest
     */
    boolean retryLater(ClaimedEvent event, Instant notBefore, String outcome);

    /** The tenant's events by status. */
    Map<EventStatus, Long> countByStatus(String tenantId);

    /** Up to {@code limit} of the tenant's FAILED events after the arrival position, oldest first. */
    List<DeadLetter> deadLetters(String tenantId, @Nullable String connectionId, long afterArrival, int limit);

    /** The tenant's event's status, if the event exists in the tenant. */
    java.util.Optional<EventStatus> status(String tenantId, String eventId);

    /**
     * Puts a FAILED event back to PENDING with its attempts reset; false when it is not (or no longer) FAILED.
     */
    boolean replay(String tenantId, String eventId, String note);
}
