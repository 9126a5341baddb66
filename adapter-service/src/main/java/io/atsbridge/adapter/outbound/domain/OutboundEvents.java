package io.atsbridge.adapter.outbound.domain;

import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.List;

/**
 * Publishes outbound events to the tenant's subscribers: one delivery per enabled subscriber that
 * receives the event's type, sent afterwards by the {@link OutboundRelay}, at least once.
 *
 * <p>Code that stores a state change in a JDBC transaction publishes inside that transaction with
 * {@code persistence.OutboundRows#insert}, so that the event exists exactly when
 * the change does; {@link #publish} is for callers without a transaction.
 */
@Singleton
public final class OutboundEvents {

    private final OutboundStore store;
    private final Clock clock;

    OutboundEvents(OutboundStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * Publishes the events in a transaction of their own. An event id a subscriber already has is
     * skipped, so publishing again is harmless.
     *
     * @return how many deliveries were created
     * @throws IllegalArgumentException when an event's data is not JSON or too large; nothing is stored
     */
    public int publish(List<OutboundEvent> events) {
        // Fail before the transaction, naming the event, rather than half-way through it.
        events.forEach(OutboundEvent::payload);
        return store.publish(events, clock.instant());
    }
}
