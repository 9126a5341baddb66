package io.atsbridge.adapter.outbound.domain;

import io.atsbridge.platform.error.DomainException;
import io.atsbridge.platform.startup.MissingConfigurationException;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The tenants' subscribers to outbound events. They are declared in configuration and stored at
 * start-up ({@link #declare}); operators read their state and recent deliveries here.
 */
@Singleton
public final class Subscribers {

    /** The most deliveries {@link #recentDeliveries} returns. */
    public static final int MAX_DELIVERIES = 500;

    private final OutboundStore store;
    private final Clock clock;

    Subscribers(OutboundStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * Stores the subscribers configuration declares, idempotently: created, or updated where
     * configuration changed. Stored subscribers configuration no longer declares are disabled, not
     * deleted, and their pending deliveries abandoned. A subscriber the relay disabled (its endpoint
     * answered 410, or failed for days) stays disabled until its url or secret changes or
     * {@link #enable} is called.
     *
     * @throws MissingConfigurationException when a declared subscriber is stored for another tenant
     */
    public void declare(List<SubscriberDeclaration> declarations) {
        Set<String> declared = new HashSet<>();
        Instant now = clock.instant();
        for (SubscriberDeclaration declaration : declarations) {
            declared.add(declaration.id());
            store.declare(declaration, now);
        }
        store.disableUndeclared(declared, now);
    }

    /**
     * The subscriber's state: enabled or why not, failures in a row.
     *
     * @throws DomainException INVALID_ARGUMENT for a malformed id, NOT_FOUND when the tenant has no such subscriber
     */
    public SubscriberState state(String tenantId, String subscriberId) {
        checkId(subscriberId);
        return store.subscriber(tenantId, subscriberId).orElseThrow(() -> notFound(tenantId, subscriberId));
    }

    /** The tenant's subscribers, ordered by id. */
    public List<SubscriberState> list(String tenantId) {
        return store.subscribers(tenantId);
    }

    /**
     * The subscriber's most recent deliveries, newest first, without payloads.
     *
     * @param limit 1..{@value #MAX_DELIVERIES}
     * @throws DomainException INVALID_ARGUMENT for a malformed id or limit, NOT_FOUND when the tenant has no
     *                         such subscriber
     */
    public List<OutboundDelivery> recentDeliveries(String tenantId, String subscriberId, int limit) {
        DomainException.checkArgument(limit > 0 && limit <= MAX_DELIVERIES, "INVALID_LIMIT",
                "limit: %s (expected: 1..%s)", limit, MAX_DELIVERIES);
        state(tenantId, subscriberId);
        return store.deliveries(tenantId, subscriberId, limit);
    }

    /**
     * Enables a subscriber the relay disabled, once its endpoint works again; its failures start from 0.
     * Deliveries abandoned while it was disabled are not sent.
     *
     * @throws DomainException NOT_FOUND when the tenant has no such subscriber; FAILED_PRECONDITION when
     *                         configuration disables it (change configuration instead)
     */
    public SubscriberState enable(String tenantId, String subscriberId) {
        SubscriberState state = state(tenantId, subscriberId);
        if (!store.enable(tenantId, subscriberId, clock.instant())) {
            throw DomainException.failedPrecondition("SUBSCRIBER_DISABLED_IN_CONFIGURATION", "subscriber %s is %s; "
                    + "declare it in configuration with atsbridge.subscribers.%s.enabled true instead", subscriberId,
                    state.disabledReason(), subscriberId);
        }
        return state(tenantId, subscriberId);
    }

    private static void checkId(String subscriberId) {
        DomainException.checkArgument(subscriberId != null && SubscriberDeclaration.ID.matcher(subscriberId).matches(),
                "INVALID_SUBSCRIBER_ID", "subscriber_id: '%s' (expected: 1..100 lower-case letters, digits or '-')",
                subscriberId);
    }

    private static DomainException notFound(String tenantId, String subscriberId) {
        return DomainException.notFound("SUBSCRIBER_NOT_FOUND", "subscriber %s does not exist in tenant %s; check the "
                + "subscribers declared in configuration (atsbridge.subscribers)", subscriberId, tenantId);
    }
}
