package io.atsbridge.adapter.outbound.persistence;

import io.atsbridge.adapter.outbound.domain.OutboundEvent;
import io.atsbridge.adapter.outbound.domain.OutboundEventType;
import io.atsbridge.adapter.persistence.Sql;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Writes outbound events inside the caller's transaction (the one that stores the state change they
 * report): one {@code outbound_event} row per enabled subscriber of the event's tenant that receives its
 * type. An event a subscriber already has a row for is skipped, so publishing again is harmless.
 */
public final class OutboundRows {

    private static final String SUBSCRIBERS = "SELECT id, events FROM subscriber WHERE tenant_id = ? AND enabled = TRUE "
            + "ORDER BY id";
    private static final String EXISTS = "SELECT 1 FROM outbound_event WHERE id = ?";
    private static final String INSERT = "INSERT INTO outbound_event (id, event_id, tenant_id, subscriber_id, event_type, "
            + "payload, status, attempts, next_attempt_time, create_time) VALUES (?, ?, ?, ?, ?, ?, 'PENDING', 0, ?, ?)";

    private OutboundRows() {
    }

    /**
     * Inserts the deliveries that are not stored yet. Two transactions inserting the same delivery at
     * once make one of them fail on the primary key; the caller's transaction is then retried whole
     * (as {@code TransactionRetry} does), and finds the row.
     *
     * @param tx  the caller's open transaction; not committed here
     * @param now the time the deliveries are created and their first attempt is due
     * @return how many delivery rows were inserted
     * @throws IllegalArgumentException when an event's data is not JSON or too large (nothing of the
     *                                  caller's transaction should then be committed)
     */
    public static int insert(Connection tx, List<OutboundEvent> events, Instant now) throws SQLException {
        Instant at = Sql.micros(now);
        Map<String, List<Subscription>> byTenant = new HashMap<>();
        int inserted = 0;
        for (OutboundEvent event : events) {
            String payload = event.payload();
            List<Subscription> subscriptions = byTenant.get(event.tenantId());
            if (subscriptions == null) {
                subscriptions = subscriptions(tx, event.tenantId());
                byTenant.put(event.tenantId(), subscriptions);
            }
            for (Subscription subscription : subscriptions) {
                if (!subscription.receives(event.eventType())) {
                    continue;
                }
                String webhookId = webhookId(event.id(), subscription.subscriberId());
                try (PreparedStatement exists = tx.prepareStatement(EXISTS)) {
                    Sql.bind(exists, webhookId);
                    try (ResultSet rows = exists.executeQuery()) {
                        if (rows.next()) {
                            continue;
                        }
                    }
                }
                try (PreparedStatement insert = tx.prepareStatement(INSERT)) {
                    Sql.bind(insert, webhookId, event.id(), event.tenantId(), subscription.subscriberId(), event.type(),
                            payload, at, at);
                    insert.executeUpdate();
                    inserted++;
                }
            }
        }
        return inserted;
    }

    /**
     * The Standard Webhooks {@code webhook-id} of an event's delivery to a subscriber: {@code msg_} and 32
     * hex digits of SHA-256 over both ids. Derived, not random, so that the same event published twice
     * maps onto the same row, and the id is the same on every attempt.
     */
    public static String webhookId(String eventId, String subscriberId) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest((eventId + "\n" + subscriberId).getBytes(StandardCharsets.UTF_8));
            return "msg_" + HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }

    private static List<Subscription> subscriptions(Connection tx, String tenantId) throws SQLException {
        List<Subscription> subscriptions = new ArrayList<>();
        try (PreparedStatement select = tx.prepareStatement(SUBSCRIBERS)) {
            Sql.bind(select, tenantId);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    subscriptions.add(new Subscription(rows.getString("id"), List.of(rows.getString("events").split(","))));
                }
            }
        }
        return subscriptions;
    }

    /** An enabled subscriber and the wire names of the types it receives. */
    private record Subscription(String subscriberId, List<String> types) {
        boolean receives(OutboundEventType type) {
            return types.contains(type.wireName());
        }
    }
}
