package io.atsbridge.adapter.engine.persistence;

import io.atsbridge.adapter.connections.domain.Vendor;
import io.atsbridge.adapter.engine.domain.AuditEntry;
import io.atsbridge.adapter.engine.domain.ClaimedEvent;
import io.atsbridge.adapter.engine.domain.DeadLetter;
import io.atsbridge.adapter.engine.domain.EventStatus;
import io.atsbridge.adapter.engine.domain.EventType;
import io.atsbridge.adapter.engine.domain.InboxQueue;
import io.atsbridge.adapter.outbound.persistence.OutboundRows;
import io.atsbridge.adapter.persistence.Sql;
import io.atsbridge.adapter.persistence.TransactionRetry;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The inbox table as the sync engine's work queue. A claim is one short transaction:
 * {@code SELECT ... FOR UPDATE SKIP LOCKED} in arrival order, then each row marked IN_PROGRESS with
 * its lease and one more attempt. SKIP LOCKED (MySQL 8, MariaDB 10.6+, H2 2.x) lets concurrent
 * claimers pass over rows another claim holds instead of waiting for them; a row is never handed to
 * two claims because the second one cannot lock it until the first committed it as IN_PROGRESS.
 * Outcomes are guarded by (id, attempts), the identity of a claim.
 */
@Singleton
final class JdbcInboxQueue implements InboxQueue {

    /*
     * Claimable: pending and due, or in progress with a lease that ran out — and no earlier event with the
     * same ordering key still unfinished (pending, waiting for a retry, or in progress), so the events of one
     * application go one at a time in arrival order. The subquery is a plain consistent read (a locking
     * clause locks only the outer query's rows): a claim that raced ahead sees the earlier event as still
     * pending and passes over the later one.
     */
    private static final String CLAIM = "SELECT e.id, e.tenant_id, e.connection_id, e.vendor, e.event_type, "
            + "e.vendor_event_type, e.delivery_key, e.raw_body, e.receive_time, e.occur_time, e.attempts, e.claims, e.arrival "
            + "FROM inbox_event e "
            + "WHERE ((e.status = 'PENDING' AND (e.lease_until IS NULL OR e.lease_until <= ?)) "
            + "OR (e.status = 'IN_PROGRESS' AND e.lease_until < ?)) "
            + "AND (e.ordering_key IS NULL OR NOT EXISTS (SELECT 1 FROM inbox_event p WHERE p.ordering_key = e.ordering_key "
            + "AND p.arrival < e.arrival AND p.status IN ('PENDING', 'IN_PROGRESS'))) "
            + "ORDER BY e.arrival LIMIT ? FOR UPDATE SKIP LOCKED";
    private static final String MARK_CLAIMED = "UPDATE inbox_event SET status = 'IN_PROGRESS', lease_until = ?, "
            + "attempts = attempts + 1, claims = claims + 1 WHERE id = ?";
    private static final String RENEW = "UPDATE inbox_event SET lease_until = ? "
            + "WHERE id = ? AND status = 'IN_PROGRESS' AND claims = ?";
    private static final String FINISH = "UPDATE inbox_event SET status = ?, outcome = ?, processed_time = ?, "
            + "lease_until = NULL WHERE id = ? AND status = 'IN_PROGRESS' AND claims = ?";
    private static final String RETRY = "UPDATE inbox_event SET status = 'PENDING', outcome = ?, lease_until = ? "
            + "WHERE id = ? AND status = 'IN_PROGRESS' AND claims = ?";
    private static final String DEFER = "UPDATE inbox_event SET status = 'PENDING', outcome = ?, lease_until = ?, "
            + "attempts = attempts - 1 WHERE id = ? AND status = 'IN_PROGRESS' AND claims = ?";
    private static final String COUNT = "SELECT status, COUNT(*) FROM inbox_event WHERE tenant_id = ? GROUP BY status";
    private static final String DEAD = "SELECT id, connection_id, vendor, event_type, vendor_event_type, delivery_key, "
            + "attempts, outcome, receive_time, processed_time, arrival FROM inbox_event "
            + "WHERE tenant_id = ? AND status = 'FAILED' AND arrival > ? AND (? = '' OR connection_id = ?) "
            + "ORDER BY arrival LIMIT ?";
    private static final String STATUS = "SELECT status FROM inbox_event WHERE tenant_id = ? AND id = ?";
    private static final String REPLAY = "UPDATE inbox_event SET status = 'PENDING', attempts = 0, lease_until = NULL, "
            + "outcome = ?, processed_time = NULL WHERE tenant_id = ? AND id = ? AND status = 'FAILED'";

    private final TransactionOperations<Connection> transactions;
    private final JsonMapper json;

    JdbcInboxQueue(TransactionOperations<Connection> transactions, JsonMapper json) {
        this.transactions = transactions;
        this.json = json;
    }

    @Override
    public List<ClaimedEvent> claim(int limit, Duration lease, Instant now) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit: " + limit + " (expected: > 0)");
        }
        Instant at = Sql.micros(now);
        Instant leaseUntil = Sql.micros(now.plus(lease));
        return TransactionRetry.write(transactions, "claim inbox events", connection -> {
            List<ClaimedEvent> claimed = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(CLAIM)) {
                Sql.bind(select, at, at, limit);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        claimed.add(new ClaimedEvent(rows.getString("id"), rows.getString("tenant_id"),
                                rows.getString("connection_id"), Vendor.valueOf(rows.getString("vendor")),
                                EventType.valueOf(rows.getString("event_type")), rows.getString("vendor_event_type"),
                                rows.getString("delivery_key"), rows.getBytes("raw_body"), Sql.requiredInstant(rows, "receive_time"),
                                Sql.instant(rows, "occur_time"),
                                rows.getInt("attempts") + 1, rows.getInt("claims") + 1, rows.getLong("arrival"), leaseUntil));
                    }
                }
            }
            for (ClaimedEvent event : claimed) {
                try (PreparedStatement update = connection.prepareStatement(MARK_CLAIMED)) {
                    Sql.bind(update, leaseUntil, event.id());
                    update.executeUpdate();
                }
            }
            return claimed;
        });
    }

    @Override
    public boolean renew(ClaimedEvent event, Duration lease, Instant now) {
        // Guarded by the claim's identity: when claims still matches, no other worker took the event,
        // even if the lease has already run out, so extending it is safe.
        return TransactionRetry.write(transactions, "renew the lease of inbox event " + event.id(), connection -> {
            try (PreparedStatement update = connection.prepareStatement(RENEW)) {
                Sql.bind(update, Sql.micros(now.plus(lease)), event.id(), event.claims());
                return update.executeUpdate() == 1;
            }
        });
    }

    @Override
    public boolean finish(ClaimedEvent event, EventStatus status, String outcome, List<AuditEntry> audit, Instant now) {
        if (!status.finished()) {
            throw new IllegalArgumentException("status: " + status + " (expected: DONE, IGNORED, BLOCKED or FAILED)");
        }
        Instant at = Sql.micros(now);
        return TransactionRetry.write(transactions, "store the outcome of inbox event " + event.id(), connection -> {
            OutboxRows.insert(connection, json, audit, at);
            if (status == EventStatus.FAILED) {
                OutboundRows.insert(connection, List.of(SyncEventsFromAudit.failed(event, outcome, at)), at);
            }
            try (PreparedStatement update = connection.prepareStatement(FINISH)) {
                Sql.bind(update, status.name(), Sql.cut(outcome), at, event.id(), event.claims());
                return update.executeUpdate() == 1;
            }
        });
    }

    @Override
    public boolean retryLater(ClaimedEvent event, Instant notBefore, String outcome) {
        return TransactionRetry.write(transactions, "put inbox event " + event.id() + " back", connection -> {
            try (PreparedStatement update = connection.prepareStatement(RETRY)) {
                Sql.bind(update, Sql.cut(outcome), Sql.micros(notBefore), event.id(), event.claims());
                return update.executeUpdate() == 1;
            }
        });
    }

    @Override
    public boolean defer(ClaimedEvent event, Instant notBefore, String outcome) {
        return TransactionRetry.write(transactions, "defer inbox event " + event.id(), connection -> {
            try (PreparedStatement update = connection.prepareStatement(DEFER)) {
                Sql.bind(update, Sql.cut(outcome), Sql.micros(notBefore), event.id(), event.claims());
                return update.executeUpdate() == 1;
            }
        });
    }

    @Override
    public boolean hold(ClaimedEvent event, Instant notBefore, String outcome, List<AuditEntry> audit, Instant now) {
        return TransactionRetry.write(transactions, "hold inbox event " + event.id(), connection -> {
            OutboxRows.insert(connection, json, audit, Sql.micros(now));
            try (PreparedStatement update = connection.prepareStatement(DEFER)) {
                Sql.bind(update, Sql.cut(outcome), Sql.micros(notBefore), event.id(), event.claims());
                return update.executeUpdate() == 1;
            }
        });
    }

    @Override
    public Map<EventStatus, Long> countByStatus(String tenantId) {
        return TransactionRetry.read(transactions, "count inbox events", connection -> {
            Map<EventStatus, Long> counts = new EnumMap<>(EventStatus.class);
            try (PreparedStatement count = connection.prepareStatement(COUNT)) {
                Sql.bind(count, tenantId);
                try (ResultSet rows = count.executeQuery()) {
                    while (rows.next()) {
                        counts.put(EventStatus.valueOf(rows.getString(1)), rows.getLong(2));
                    }
                }
            }
            return counts;
        });
    }

    @Override
    public List<DeadLetter> deadLetters(String tenantId, @Nullable String connectionId, long afterArrival, int limit) {
        String connection = connectionId == null ? "" : connectionId;
        return TransactionRetry.read(transactions, "list dead letters", c -> {
            List<DeadLetter> letters = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement(DEAD)) {
                Sql.bind(select, tenantId, afterArrival, connection, connection, limit);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        letters.add(new DeadLetter(rows.getString("id"), rows.getString("connection_id"),
                                Vendor.valueOf(rows.getString("vendor")), EventType.valueOf(rows.getString("event_type")),
                                rows.getString("vendor_event_type"), rows.getString("delivery_key"), rows.getInt("attempts"),
                                rows.getString("outcome") == null ? "" : rows.getString("outcome"),
                                Sql.requiredInstant(rows, "receive_time"), Sql.instant(rows, "processed_time"), rows.getLong("arrival")));
                    }
                }
            }
            return letters;
        });
    }

    @Override
    public java.util.Optional<EventStatus> status(String tenantId, String eventId) {
        return TransactionRetry.read(transactions, "read inbox event status", c -> {
            try (PreparedStatement select = c.prepareStatement(STATUS)) {
                Sql.bind(select, tenantId, eventId);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? java.util.Optional.of(EventStatus.valueOf(rows.getString(1))) : java.util.Optional.empty();
                }
            }
        });
    }

    @Override
    public boolean replay(String tenantId, String eventId, String note) {
        return TransactionRetry.write(transactions, "replay dead letter", c -> {
            try (PreparedStatement update = c.prepareStatement(REPLAY)) {
                Sql.bind(update, note, tenantId, eventId);
                return update.executeUpdate() == 1;
            }
        });
    }
}
