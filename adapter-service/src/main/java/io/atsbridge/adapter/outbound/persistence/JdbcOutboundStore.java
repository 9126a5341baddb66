package io.atsbridge.adapter.outbound.persistence;

import io.atsbridge.adapter.outbound.domain.ClaimedDelivery;
import io.atsbridge.adapter.outbound.domain.DeliveryStatus;
import io.atsbridge.adapter.outbound.domain.DisabledCause;
import io.atsbridge.adapter.outbound.domain.OutboundDelivery;
import io.atsbridge.adapter.outbound.domain.OutboundEvent;
import io.atsbridge.adapter.outbound.domain.OutboundSecrets;
import io.atsbridge.adapter.outbound.domain.OutboundStore;
import io.atsbridge.adapter.outbound.domain.SubscriberDeclaration;
import io.atsbridge.adapter.outbound.domain.SubscriberState;
import io.atsbridge.adapter.persistence.Sql;
import io.atsbridge.adapter.persistence.TransactionRetry;
import io.atsbridge.platform.startup.MissingConfigurationException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code subscriber} and {@code outbound_event} tables. Deliveries are claimed like inbox events:
 * {@code SELECT ... FOR UPDATE SKIP LOCKED} in due order, then each row leased and its attempt counted,
 * in one short transaction, so that any number of relays (threads, replicas) never send the same
 * attempt twice. Outcomes are guarded by (id, attempts), the identity of a claim.
 */
@Singleton
final class JdbcOutboundStore implements OutboundStore {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcOutboundStore.class);

    private static final String SUBSCRIBER_COLUMNS = "id, tenant_id, url, secret_ciphertext, events, enabled, disabled_cause, "
            + "disabled_reason, disabled_time, consecutive_failures, failing_since, create_time, update_time";
    private static final String CLAIM = "SELECT id, event_id, tenant_id, subscriber_id, event_type, payload, attempts "
            + "FROM outbound_event WHERE status = 'PENDING' AND next_attempt_time <= ? "
            + "AND (lease_until IS NULL OR lease_until <= ?) ORDER BY next_attempt_time LIMIT ? FOR UPDATE SKIP LOCKED";
    private static final String MARK_CLAIMED = "UPDATE outbound_event SET attempts = attempts + 1, lease_until = ? WHERE id = ?";
    /** Every outcome applies only while the row is still the claim's: pending, with the claim's attempt count. */
    private static final String OF_CLAIM = " WHERE id = ? AND attempts = ? AND status = 'PENDING'";
    private static final String DELIVERED = "UPDATE outbound_event SET status = 'DELIVERED', deliver_time = ?, "
            + "last_status_code = ?, last_error = NULL, lease_until = NULL" + OF_CLAIM;
    private static final String RETRY = "UPDATE outbound_event SET next_attempt_time = ?, lease_until = NULL, "
            + "last_status_code = ?, last_error = ?" + OF_CLAIM;
    private static final String END = "UPDATE outbound_event SET status = ?, lease_until = NULL, last_status_code = ?, "
            + "last_error = ?" + OF_CLAIM;
    /** Keeps the last attempt's error where there is one: the subscriber's state says why it was disabled. */
    private static final String ABANDON_PENDING = "UPDATE outbound_event SET status = 'ABANDONED', lease_until = NULL, "
            + "last_error = COALESCE(last_error, ?) WHERE subscriber_id = ? AND status = 'PENDING'";
    private static final String DISABLE = "UPDATE subscriber SET enabled = FALSE, disabled_cause = ?, disabled_reason = ?, "
            + "disabled_time = ?, update_time = ? WHERE id = ? AND enabled = TRUE";

    private final TransactionOperations<Connection> transactions;
    private final OutboundSecrets secrets;

    JdbcOutboundStore(TransactionOperations<Connection> transactions, OutboundSecrets secrets) {
        this.transactions = transactions;
        this.secrets = secrets;
    }

    /** Publishes events in a transaction of their own; see {@link OutboundRows#insert}. */
    @Override
    public int publish(List<OutboundEvent> events, Instant now) {
        if (events.isEmpty()) {
            return 0;
        }
        return TransactionRetry.write(transactions, "publish outbound events", c -> OutboundRows.insert(c, events, now));
    }

    /**
     * Stores one declared subscriber: created, or updated where configuration changed. The secret is
     * sealed; a stored one that no longer decrypts (the master key changed) is replaced. A subscriber the
     * relay disabled (410, sustained failure) stays disabled while its url and secret stay the same;
     * configuration changing either re-enables it. Disabling it in configuration abandons its pending
     * deliveries.
     *
     * @throws MissingConfigurationException when the subscriber is stored for another tenant
     */
    @Override
    public void declare(SubscriberDeclaration d, Instant now) {
        Instant at = Sql.micros(now);
        TransactionRetry.change(transactions, "store subscriber " + d.id(), c -> {
            Optional<SubscriberState> stored = findSubscriber(c, "SELECT " + SUBSCRIBER_COLUMNS
                    + " FROM subscriber WHERE id = ? FOR UPDATE", d.id());
            if (stored.isEmpty()) {
                insertSubscriber(c, d, at);
                return;
            }
            SubscriberState row = stored.get();
            if (!row.tenantId().equals(d.tenantId())) {
                // Its deliveries belong to the old tenant; moving it would hand them over.
                throw new MissingConfigurationException("subscriber " + d.id() + " belongs to tenant " + row.tenantId()
                        + " and cannot move to tenant " + d.tenantId() + "; declare it under a new id");
            }
            updateSubscriber(c, d, row, at);
        });
    }

    private void insertSubscriber(Connection c, SubscriberDeclaration d, Instant at) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO subscriber (id, tenant_id, url, secret_ciphertext, "
                + "events, enabled, disabled_cause, disabled_reason, disabled_time, consecutive_failures, create_time, "
                + "update_time) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)")) {
            Sql.bind(insert, d.id(), d.tenantId(), d.url(), seal(d), d.eventList(), d.enabled(),
                    d.enabled() ? null : DisabledCause.CONFIGURATION.name(), d.enabled() ? null : configurationReason(d),
                    Sql.time(d.enabled() ? null : at), at, at);
            insert.executeUpdate();
        }
        LOG.info("subscriber {} created: tenant {}, events {}, {}", d.id(), d.tenantId(), d.eventList(),
                d.enabled() ? "enabled" : "disabled");
    }

    private void updateSubscriber(Connection c, SubscriberDeclaration d, SubscriberState row, Instant at) throws SQLException {
        boolean secretSame = secretEquals(c, d);
        boolean endpointChanged = !row.url().equals(d.url()) || !secretSame;
        boolean eventsChanged = !String.join(",", row.events()).equals(d.eventList());
        DisabledCause cause;
        String reason;
        if (!d.enabled()) {
            cause = DisabledCause.CONFIGURATION;
            reason = configurationReason(d);
        } else if (row.disabledCause() != null && row.disabledCause().byDelivery() && !endpointChanged) {
            cause = row.disabledCause();
            reason = row.disabledReason();
            LOG.warn("subscriber {} of tenant {} stays disabled ({}); change its url or secret, or enable it again, "
                    + "once its endpoint works", d.id(), d.tenantId(), reason);
        } else {
            cause = null;
            reason = null;
        }
        boolean enabled = cause == null;
        boolean stateChanged = enabled != row.enabled() || cause != row.disabledCause();
        if (!endpointChanged && !eventsChanged && !stateChanged) {
            return;
        }
        Instant disabledTime = enabled ? null : stateChanged ? at : row.disabledTime();
        boolean reenabled = enabled && !row.enabled();
        // A new endpoint or a re-enabled one starts without the old failures. An unchanged secret keeps its
        // ciphertext: re-sealing it would rewrite the row at every start.
        boolean resetFailures = reenabled || endpointChanged;
        List<Object> parameters = new ArrayList<>();
        parameters.add(d.url());
        if (!secretSame) {
            parameters.add(seal(d));
        }
        parameters.addAll(Arrays.asList(d.eventList(), enabled, cause == null ? null : cause.name(), Sql.cut(reason),
                Sql.time(disabledTime), resetFailures ? 0 : row.consecutiveFailures(),
                Sql.time(resetFailures ? null : row.failingSince()), at, d.id()));
        try (PreparedStatement update = c.prepareStatement("UPDATE subscriber SET url = ?, "
                + (secretSame ? "" : "secret_ciphertext = ?, ") + "events = ?, enabled = ?, disabled_cause = ?, "
                + "disabled_reason = ?, disabled_time = ?, consecutive_failures = ?, failing_since = ?, update_time = ? "
                + "WHERE id = ?")) {
            Sql.bind(update, parameters.toArray());
            update.executeUpdate();
        }
        if (!enabled && row.enabled()) {
            abandonPending(c, d.id(), "subscriber disabled: " + reason);
        }
        LOG.info("subscriber {} updated:{}{}{}", d.id(), endpointChanged ? " endpoint" : "", eventsChanged ? " events " + d.eventList() : "",
                stateChanged ? (enabled ? " enabled" : " disabled (" + cause + ")") : "");
    }

    private static String configurationReason(SubscriberDeclaration d) {
        return "disabled in configuration (atsbridge.subscribers." + d.id() + ".enabled is false)";
    }

    private byte[] seal(SubscriberDeclaration d) {
        return secrets.seal(d.id(), d.secret().getBytes(StandardCharsets.UTF_8));
    }

    /** Whether the stored secret is the declared one; false when it no longer decrypts. */
    private boolean secretEquals(Connection c, SubscriberDeclaration d) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT secret_ciphertext FROM subscriber WHERE id = ?")) {
            Sql.bind(select, d.id());
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    return false;
                }
                byte[] plain = secrets.open(d.id(), rows.getBytes(1));
                return Arrays.equals(plain, d.secret().getBytes(StandardCharsets.UTF_8));
            } catch (GeneralSecurityException e) {
                return false;
            }
        }
    }

    /**
     * Disables the enabled subscribers configuration no longer declares, abandoning their pending
     * deliveries; they stay stored because their deliveries refer to them.
     */
    @Override
    public void disableUndeclared(Set<String> declaredIds, Instant now) {
        Instant at = Sql.micros(now);
        List<String> enabled = TransactionRetry.read(transactions, "list subscribers", c -> {
            List<String> ids = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement("SELECT id FROM subscriber WHERE enabled = TRUE ORDER BY id")) {
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        ids.add(rows.getString(1));
                    }
                }
            }
            return ids;
        });
        for (String id : enabled) {
            if (!declaredIds.contains(id)) {
                String reason = "no longer declared in configuration (atsbridge.subscribers." + id + ")";
                boolean disabled = TransactionRetry.write(transactions, "disable subscriber " + id,
                        c -> disable(c, id, DisabledCause.UNDECLARED, reason, at));
                if (disabled) {
                    LOG.warn("subscriber {} is no longer declared in configuration: disabled", id);
                }
            }
        }
    }

    /**
     * Enables a subscriber the relay disabled (or re-enables one), clearing its failures; a subscriber
     * disabled or no longer declared in configuration stays as configuration says.
     *
     * @return false when the tenant has no such subscriber, or configuration keeps it disabled
     */
    @Override
    public boolean enable(String tenantId, String subscriberId, Instant now) {
        return TransactionRetry.write(transactions, "enable subscriber " + subscriberId, c -> {
            try (PreparedStatement update = c.prepareStatement("UPDATE subscriber SET enabled = TRUE, disabled_cause = NULL, "
                    + "disabled_reason = NULL, disabled_time = NULL, consecutive_failures = 0, failing_since = NULL, "
                    + "update_time = ? WHERE tenant_id = ? AND id = ? AND (enabled = TRUE OR disabled_cause IN ('GONE', 'FAILING'))")) {
                Sql.bind(update, Sql.micros(now), tenantId, subscriberId);
                return update.executeUpdate() == 1;
            }
        });
    }

    /**
     * Claims up to {@code limit} due deliveries, oldest due first, each leased until {@code now + lease}
     * and counted as one more attempt.
     */
    @Override
    public List<ClaimedDelivery> claim(int limit, Duration lease, Instant now) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit: " + limit + " (expected: > 0)");
        }
        Instant at = Sql.micros(now);
        Instant leaseUntil = Sql.micros(now.plus(lease));
        return TransactionRetry.write(transactions, "claim outbound deliveries", c -> {
            List<DueRow> due = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement(CLAIM)) {
                Sql.bind(select, at, at, limit);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        due.add(new DueRow(rows.getString("id"), rows.getString("event_id"), rows.getString("tenant_id"),
                                rows.getString("subscriber_id"), rows.getString("event_type"), rows.getString("payload"),
                                rows.getInt("attempts") + 1));
                    }
                }
            }
            if (due.isEmpty()) {
                return List.of();
            }
            for (DueRow row : due) {
                try (PreparedStatement update = c.prepareStatement(MARK_CLAIMED)) {
                    Sql.bind(update, leaseUntil, row.id());
                    update.executeUpdate();
                }
            }
            Map<String, SubscriberState> subscribers = new HashMap<>();
            Map<String, byte[]> sealed = new HashMap<>();
            for (DueRow row : due) {
                String subscriberId = row.subscriberId();
                if (!subscribers.containsKey(subscriberId)) {
                    try (PreparedStatement select = c.prepareStatement("SELECT " + SUBSCRIBER_COLUMNS
                            + " FROM subscriber WHERE id = ?")) {
                        Sql.bind(select, subscriberId);
                        try (ResultSet rows = select.executeQuery()) {
                            if (rows.next()) {
                                subscribers.put(subscriberId, subscriber(rows));
                                sealed.put(subscriberId, rows.getBytes("secret_ciphertext"));
                            }
                        }
                    }
                }
            }
            List<ClaimedDelivery> claimed = new ArrayList<>(due.size());
            for (DueRow row : due) {
                SubscriberState subscriber = subscribers.get(row.subscriberId());
                claimed.add(new ClaimedDelivery(row.id(), row.eventId(), row.tenantId(), row.subscriberId(), row.type(),
                        row.payload(), row.attempt(), subscriber == null ? "" : subscriber.url(),
                        sealed.getOrDefault(row.subscriberId(), new byte[0]), subscriber != null && subscriber.enabled()));
            }
            return claimed;
        });
    }

    /** A due delivery as the claim reads it, before the subscriber's settings are added. */
    private record DueRow(String id, String eventId, String tenantId, String subscriberId, String type, String payload,
                          int attempt) {
    }

    /**
     * Stores a 2xx answer: DELIVERED, and the subscriber's failures in a row start again from 0.
     *
     * @return false when the row is no longer this claim's (abandoned meanwhile, or its lease ran out and
     * another relay claimed it)
     */
    @Override
    public boolean delivered(ClaimedDelivery d, int statusCode, Instant now) {
        return TransactionRetry.write(transactions, "mark delivery " + d.webhookId() + " delivered", c -> {
            boolean stored;
            try (PreparedStatement update = c.prepareStatement(DELIVERED)) {
                Sql.bind(update, Sql.micros(now), statusCode, d.webhookId(), d.attempt());
                stored = update.executeUpdate() == 1;
            }
            try (PreparedStatement reset = c.prepareStatement("UPDATE subscriber SET consecutive_failures = 0, "
                    + "failing_since = NULL WHERE id = ? AND (consecutive_failures <> 0 OR failing_since IS NOT NULL)")) {
                Sql.bind(reset, d.subscriberId());
                reset.executeUpdate();
            }
            return stored;
        });
    }

    /**
     * Stores a {@code 410 Gone} answer: the delivery is ABANDONED, the subscriber disabled at once and
     * its other pending deliveries ABANDONED.
     *
     * @return whether the subscriber was enabled until now
     */
    @Override
    public boolean gone(ClaimedDelivery d, int statusCode, String reason, Instant now) {
        Instant at = Sql.micros(now);
        return TransactionRetry.write(transactions, "disable subscriber " + d.subscriberId(), c -> {
            try (PreparedStatement update = c.prepareStatement(END)) {
                Sql.bind(update, DeliveryStatus.ABANDONED.name(), statusCode, Sql.cut(reason), d.webhookId(), d.attempt());
                update.executeUpdate();
            }
            return disable(c, d.subscriberId(), DisabledCause.GONE, reason, at);
        });
    }

    /**
     * Stores a failed attempt: the delivery waits for {@code nextAttempt}, or is FAILED when there is
     * none; the subscriber counts one more failure in a row. When it has failed at least
     * {@code disableAfterFailures} times in a row and the first of them is at least {@code disableAfter}
     * old, it is disabled and its pending deliveries are ABANDONED.
     *
     * @param statusCode the HTTP status, or null when there was no answer (time-out, refused connection)
     * @param error      why, for people; never the answer's body
     */
    @Override
    public FailureRecord failed(ClaimedDelivery d, @Nullable Integer statusCode, String error, @Nullable Instant nextAttempt,
                                int disableAfterFailures, Duration disableAfter, Instant now) {
        Instant at = Sql.micros(now);
        return TransactionRetry.write(transactions, "store a failed delivery of " + d.webhookId(), c -> {
            boolean stored;
            if (nextAttempt != null) {
                try (PreparedStatement update = c.prepareStatement(RETRY)) {
                    Sql.bind(update, Sql.micros(nextAttempt), statusCode, Sql.cut(error), d.webhookId(), d.attempt());
                    stored = update.executeUpdate() == 1;
                }
            } else {
                try (PreparedStatement update = c.prepareStatement(END)) {
                    Sql.bind(update, DeliveryStatus.FAILED.name(), statusCode, Sql.cut(error), d.webhookId(), d.attempt());
                    stored = update.executeUpdate() == 1;
                }
            }
            if (!stored) {
                return new FailureRecord(false, 0, false);
            }
            try (PreparedStatement count = c.prepareStatement("UPDATE subscriber SET consecutive_failures = "
                    + "consecutive_failures + 1, failing_since = COALESCE(failing_since, ?) WHERE id = ?")) {
                Sql.bind(count, at, d.subscriberId());
                count.executeUpdate();
            }
            int failures = 0;
            Instant since = null;
            boolean enabled = false;
            try (PreparedStatement select = c.prepareStatement("SELECT consecutive_failures, failing_since, enabled "
                    + "FROM subscriber WHERE id = ?")) {
                Sql.bind(select, d.subscriberId());
                try (ResultSet rows = select.executeQuery()) {
                    if (rows.next()) {
                        failures = rows.getInt(1);
                        since = Sql.instant(rows, "failing_since");
                        enabled = rows.getBoolean(3);
                    }
                }
            }
            boolean sustained = enabled && since != null && failures >= disableAfterFailures
                    && !since.isAfter(at.minus(disableAfter));
            if (sustained) {
                String reason = "deliveries failed " + failures + " times in a row since " + since
                        + " (atsbridge.adapter.outbound.disable-after-failures " + disableAfterFailures + ", disable-after "
                        + disableAfter + "); fix the endpoint, then change its url or secret, or enable it again";
                disable(c, d.subscriberId(), DisabledCause.FAILING, reason, at);
            }
            return new FailureRecord(true, failures, sustained);
        });
    }

    /** Abandons a claimed delivery whose subscriber is disabled or gone. */
    @Override
    public boolean abandon(ClaimedDelivery d, String reason) {
        return TransactionRetry.write(transactions, "abandon delivery " + d.webhookId(), c -> {
            try (PreparedStatement update = c.prepareStatement(END)) {
                Sql.bind(update, DeliveryStatus.ABANDONED.name(), null, Sql.cut(reason), d.webhookId(), d.attempt());
                return update.executeUpdate() == 1;
            }
        });
    }

    /** Disables an enabled subscriber and abandons its pending deliveries; false when it was not enabled. */
    private static boolean disable(Connection c, String subscriberId, DisabledCause cause, String reason, Instant at)
            throws SQLException {
        boolean disabled;
        try (PreparedStatement update = c.prepareStatement(DISABLE)) {
            Sql.bind(update, cause.name(), Sql.cut(reason), at, at, subscriberId);
            disabled = update.executeUpdate() == 1;
        }
        if (disabled) {
            abandonPending(c, subscriberId, "subscriber disabled: " + reason);
        }
        return disabled;
    }

    private static void abandonPending(Connection c, String subscriberId, String reason) throws SQLException {
        try (PreparedStatement update = c.prepareStatement(ABANDON_PENDING)) {
            Sql.bind(update, Sql.cut(reason), subscriberId);
            update.executeUpdate();
        }
    }

    /** The subscriber, if the tenant has it. */
    @Override
    public Optional<SubscriberState> subscriber(String tenantId, String subscriberId) {
        return TransactionRetry.read(transactions, "read subscriber " + subscriberId, c -> findSubscriber(c,
                "SELECT " + SUBSCRIBER_COLUMNS + " FROM subscriber WHERE id = ? AND tenant_id = ?", subscriberId, tenantId));
    }

    /** The tenant's subscribers, ordered by id. */
    @Override
    public List<SubscriberState> subscribers(String tenantId) {
        return TransactionRetry.read(transactions, "list subscribers", c -> {
            List<SubscriberState> found = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement("SELECT " + SUBSCRIBER_COLUMNS
                    + " FROM subscriber WHERE tenant_id = ? ORDER BY id")) {
                Sql.bind(select, tenantId);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        found.add(subscriber(rows));
                    }
                }
            }
            return found;
        });
    }

    /** The subscriber's most recent deliveries, newest first, without payloads. */
    @Override
    public List<OutboundDelivery> deliveries(String tenantId, String subscriberId, int limit) {
        return TransactionRetry.read(transactions, "list deliveries of subscriber " + subscriberId, c -> {
            List<OutboundDelivery> found = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement("SELECT id, event_id, subscriber_id, event_type, status, "
                    + "attempts, next_attempt_time, last_status_code, last_error, create_time, deliver_time FROM outbound_event "
                    + "WHERE tenant_id = ? AND subscriber_id = ? ORDER BY create_time DESC, id LIMIT ?")) {
                Sql.bind(select, tenantId, subscriberId, limit);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        int code = rows.getInt("last_status_code");
                        Integer statusCode = rows.wasNull() ? null : code;
                        found.add(new OutboundDelivery(rows.getString("id"), rows.getString("event_id"),
                                rows.getString("subscriber_id"), rows.getString("event_type"),
                                DeliveryStatus.valueOf(rows.getString("status")), rows.getInt("attempts"),
                                Sql.requiredInstant(rows, "next_attempt_time"), statusCode, rows.getString("last_error"),
                                Sql.requiredInstant(rows, "create_time"), Sql.instant(rows, "deliver_time")));
                    }
                }
            }
            return found;
        });
    }

    private static Optional<SubscriberState> findSubscriber(Connection c, String sql, @Nullable Object... parameters) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(sql)) {
            Sql.bind(select, parameters);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(subscriber(rows)) : Optional.empty();
            }
        }
    }

    private static SubscriberState subscriber(ResultSet rows) throws SQLException {
        String cause = rows.getString("disabled_cause");
        String events = rows.getString("events");
        Collection<String> types = events.isEmpty() ? List.of() : List.of(events.split(","));
        return new SubscriberState(rows.getString("id"), rows.getString("tenant_id"), rows.getString("url"),
                List.copyOf(types), rows.getBoolean("enabled"), cause == null ? null : DisabledCause.valueOf(cause),
                rows.getString("disabled_reason"), Sql.instant(rows, "disabled_time"), rows.getInt("consecutive_failures"),
                Sql.instant(rows, "failing_since"), Sql.requiredInstant(rows, "create_time"), Sql.requiredInstant(rows, "update_time"));
    }
}
