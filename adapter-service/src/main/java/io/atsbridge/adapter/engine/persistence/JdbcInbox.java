package io.atsbridge.adapter.engine.persistence;

import io.atsbridge.adapter.engine.domain.EventRef;
import io.atsbridge.adapter.engine.domain.Inbox;
import io.atsbridge.adapter.engine.domain.InboxEvent;
import io.atsbridge.adapter.engine.domain.InboxReceipt;
import io.atsbridge.adapter.persistence.TransactionRetry;
import io.atsbridge.platform.database.SqlFailures;
import io.atsbridge.platform.error.DomainException;
import io.micronaut.core.type.Argument;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The inbox in the service's own database, table {@code inbox_event}. A batch is one transaction.
 * Each event is inserted inside a savepoint; when the unique key (connection, delivery key) says the
 * delivery is already stored, the savepoint is rolled back and the stored event's id is read with a
 * locking read, which sees the latest committed row whatever the isolation level. So concurrent
 * deliveries of the same key, from any number of replicas, store one row and all report its id.
 * Rows are inserted in key order so that two batches lock shared keys in the same order; a deadlock
 * that happens anyway is retried, unless the batch joined a caller's transaction (see {@link Inbox#append}).
 */
@Singleton
final class JdbcInbox implements Inbox {

    private static final int MAX_ATTEMPTS = 5;
    private static final String INSERT = "INSERT INTO inbox_event (id, tenant_id, connection_id, delivery_key, vendor, "
            + "event_type, vendor_event_type, external_refs, occur_time, receive_time, raw_body, content_type, status, "
            + "attempts, create_time, ordering_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', 0, ?, ?)";
    private static final String FIND_LOCKED = "SELECT id FROM inbox_event WHERE connection_id = ? AND delivery_key = ? FOR UPDATE";
    private static final Argument<List<EventRef>> REFS = Argument.listOf(EventRef.class);

    private record Key(String connectionId, String deliveryKey) {
    }

    private static final Comparator<Key> KEY_ORDER =
            Comparator.comparing(Key::connectionId).thenComparing(Key::deliveryKey);

    /** The stored row vanished between the duplicate-key error and the read; the whole batch is retried. */
    private static final class StoredRowVanished extends RuntimeException {
        StoredRowVanished() {
            super(null, null, false, false);
        }
    }

    private final TransactionOperations<Connection> transactions;
    private final JsonMapper json;
    private final Clock clock;

    JdbcInbox(TransactionOperations<Connection> transactions, JsonMapper json, Clock clock) {
        this.clock = clock;
        this.transactions = transactions;
        this.json = json;
    }

    @Override
    public java.util.Optional<String> find(String connectionId, String deliveryKey) {
        return TransactionRetry.read(transactions, "find an inbox event", c -> {
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT id FROM inbox_event WHERE connection_id = ? AND delivery_key = ?")) {
                select.setString(1, connectionId);
                select.setString(2, deliveryKey);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? java.util.Optional.of(rows.getString(1)) : java.util.Optional.<String>empty();
                }
            }
        });
    }

    @Override
    public List<InboxReceipt> append(List<InboxEvent> events) {
        if (transactions.findTransactionStatus().isPresent()) {
            // Joining the caller's transaction: a deadlock rolled all of it back, so only the caller can retry.
            return transactions.executeWrite(status -> appendOnce(status.getConnection(), events));
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return transactions.executeWrite(status -> appendOnce(status.getConnection(), events));
            } catch (RuntimeException e) {
                if (!isTransient(e)) {
                    throw e;
                }
                if (attempt >= MAX_ATTEMPTS) {
                    throw DomainException.unavailable("INBOX_CONTENDED",
                            "the inbox could not store %s event(s) after %s attempts because other calls were storing "
                                    + "the same deliveries; retry the call (nothing was stored)", events.size(), attempt);
                }
            }
        }
    }

    private List<InboxReceipt> appendOnce(Connection connection, List<InboxEvent> events) {
        Map<Key, Integer> first = new HashMap<>();
        List<Integer> toInsert = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            if (first.putIfAbsent(key(events.get(i)), i) == null) {
                toInsert.add(i);
            }
        }
        toInsert.sort(Comparator.comparing(i -> key(events.get(i)), KEY_ORDER));
        String[] ids = new String[events.size()];
        boolean[] duplicate = new boolean[events.size()];
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        try {
            for (int i : toInsert) {
                InboxEvent event = events.get(i);
                String id = UUID.randomUUID().toString();
                Savepoint savepoint = connection.setSavepoint();
                try {
                    insert(connection, id, event, now);
                    ids[i] = id;
                } catch (SQLException e) {
                    // Any other failure (a deadlock in particular) may have ended the transaction and
                    // the savepoint with it: let it propagate untouched.
                    if (!SqlFailures.isDuplicateKey(e)) {
                        throw e;
                    }
                    connection.rollback(savepoint);
                    ids[i] = findLocked(connection, key(event));
                    duplicate[i] = true;
                }
                connection.releaseSavepoint(savepoint);
            }
        } catch (SQLException e) {
            throw new DataAccessException("cannot store inbox events: " + e.getMessage(), e);
        }
        List<InboxReceipt> receipts = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            InboxEvent event = events.get(i);
            int firstIndex = Objects.requireNonNull(first.get(key(event)), "every event's key was put into first above");
            receipts.add(new InboxReceipt(event.connectionId(), event.deliveryKey(), ids[firstIndex],
                    firstIndex != i || duplicate[i]));
        }
        return receipts;
    }

    private void insert(Connection connection, String id, InboxEvent event, Instant now) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setString(1, id);
            insert.setString(2, event.tenantId());
            insert.setString(3, event.connectionId());
            insert.setString(4, event.deliveryKey());
            insert.setString(5, event.vendor().name());
            insert.setString(6, event.eventType().name());
            insert.setString(7, event.vendorEventType());
            insert.setString(8, refsJson(event.externalRefs()));
            if (event.occurTime() == null) {
                insert.setNull(9, Types.TIMESTAMP);
            } else {
                insert.setTimestamp(9, Timestamp.from(event.occurTime()));
            }
            insert.setTimestamp(10, Timestamp.from(event.receiveTime()));
            insert.setBytes(11, event.rawBody());
            insert.setString(12, event.contentType());
            insert.setTimestamp(13, Timestamp.from(now));
            insert.setString(14, event.orderingKey());
            insert.executeUpdate();
        }
    }

    private static String findLocked(Connection connection, Key key) throws SQLException {
        try (PreparedStatement find = connection.prepareStatement(FIND_LOCKED)) {
            find.setString(1, key.connectionId());
            find.setString(2, key.deliveryKey());
            try (ResultSet rows = find.executeQuery()) {
                if (!rows.next()) {
                    throw new StoredRowVanished();
                }
                return rows.getString(1);
            }
        }
    }

    private String refsJson(List<EventRef> refs) {
        try {
            return new String(json.writeValueAsBytes(REFS, refs), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write external refs as JSON", e);
        }
    }

    private static Key key(InboxEvent event) {
        return new Key(event.connectionId(), event.deliveryKey());
    }


    /** Deadlocks and lock-wait timeouts roll the transaction back and succeed when retried. */
    private static boolean isTransient(Throwable e) {
        return SqlFailures.isConflict(e) || causedByVanishedRow(e);
    }

    private static boolean causedByVanishedRow(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof StoredRowVanished) {
                return true;
            }
        }
        return false;
    }
}
