package io.atsbridge.adapter.outbound.domain;

import io.atsbridge.platform.startup.MissingConfigurationException;
import io.micronaut.core.annotation.Nullable;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where outbound delivery keeps its subscribers and their deliveries. Outbound owns this interface and
 * persistence implements it, so that the dependency runs one way: persistence knows outbound's values,
 * outbound knows no table. Deliveries are claimed so that any number of relays (threads, replicas) never
 * send the same attempt twice; an outcome applies only while the delivery is still its claim's (same id,
 * same attempt count, still pending).
 */
public interface OutboundStore {

    /**
     * Publishes events in a transaction of their own: one delivery per enabled subscriber of the event's
     * tenant that receives its type; a delivery that is stored already is skipped.
     *
     * @return how many deliveries were created
     */
    int publish(List<OutboundEvent> events, Instant now);

    /**
     * Stores one declared subscriber: created, or updated where configuration changed. The secret is
     * sealed; a stored one that no longer decrypts (the master key changed) is replaced. A subscriber the
     * relay disabled (410, sustained failure) stays disabled while its url and secret stay the same;
     * configuration changing either re-enables it. Disabling it in configuration abandons its pending
     * deliveries.
     *
     * @throws MissingConfigurationException when the subscriber is stored for another tenant
     */
    void declare(SubscriberDeclaration declaration, Instant now);

    /**
     * Disables the enabled subscribers configuration no longer declares, abandoning their pending
     * deliveries; they stay stored because their deliveries refer to them.
     */
    void disableUndeclared(Set<String> declaredIds, Instant now);

    /**
     * Enables a subscriber the relay disabled (or re-enables one), clearing its failures; a subscriber
     * disabled or no longer declared in configuration stays as configuration says.
     *
     * @return false when the tenant has no such subscriber, or configuration keeps it disabled
     */
    boolean enable(String tenantId, String subscriberId, Instant now);

    /**
     * Claims up to {@code limit} due deliveries, oldest due first, each leased until {@code now + lease}
     * and counted as one more attempt.
     */
    List<ClaimedDelivery> claim(int limit, Duration lease, Instant now);

    /**
     * Stores a 2xx answer: DELIVERED, and the subscriber's failures in a row start again from 0.
     *
     * @return false when the delivery is no longer this claim's (abandoned meanwhile, or its lease ran out
     * and another relay claimed it)
     */
    boolean delivered(ClaimedDelivery delivery, int statusCode, Instant now);

    /**
     * Stores a {@code 410 Gone} answer: the delivery is ABANDONED, the subscriber disabled at once and
     * its other pending deliveries ABANDONED.
     *
     * @return whether the subscriber was enabled until now
     */
    boolean gone(ClaimedDelivery delivery, int statusCode, String reason, Instant now);

    /**
     * Stores a failed attempt: the delivery waits for {@code nextAttempt}, or is FAILED when there is
     * none; the subscriber counts one more failure in a row. When it has failed at least
     * {@code disableAfterFailures} times in a row and the first of them is at least {@code disableAfter}
     * old, it is disabled and its pending deliveries are ABANDONED.
     *
     * @param statusCode the HTTP status, or null when there was no answer (time-out, refused connection)
     * @param error      why, for people; never the answer's body
     */
    FailureRecord failed(ClaimedDelivery delivery, @Nullable Integer statusCode, String error,
                         @Nullable Instant nextAttempt, int disableAfterFailures, Duration disableAfter, Instant now);

    /** What storing a failed attempt did. */
    record FailureRecord(boolean stored, int consecutiveFailures, boolean subscriberDisabled) {
    }

    /** Abandons a claimed delivery whose subscriber is disabled or gone. */
    boolean abandon(ClaimedDelivery delivery, String reason);

    /** The subscriber, if the tenant has it. */
    Optional<SubscriberState> subscriber(String tenantId, String subscriberId);

    /** The tenant's subscribers, ordered by id. */
    List<SubscriberState> subscribers(String tenantId);

    /** The subscriber's most recent deliveries, newest first, without payloads. */
    List<OutboundDelivery> deliveries(String tenantId, String subscriberId, int limit);
}
