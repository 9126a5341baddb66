package io.atsbridge.adapter.backfill.persistence;

import io.atsbridge.adapter.backfill.domain.Backfills;
import io.atsbridge.adapter.persistence.Sql;
import io.atsbridge.adapter.persistence.TransactionRetry;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The {@code backfill} and {@code backfill_seen} tables. */
@Singleton
final class JdbcBackfills implements Backfills {

    private static final String COLUMNS = "id, tenant_id, connection_id, mode, status, cursor_token, updated_since, "
            + "since_token, next_sync_token, pages, seen, enqueued, gone, error, start_time, update_time, finish_time";
    private static final String UNFINISHED = "SELECT " + COLUMNS + " FROM backfill WHERE connection_id = ? "
            + "AND status IN ('RUNNING', 'STOPPED') ORDER BY start_time LIMIT 1 FOR UPDATE";
    private static final String INSERT = "INSERT INTO backfill (" + COLUMNS + ", lease_until) VALUES "
            + "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)";
    private static final String FIND = "SELECT " + COLUMNS + " FROM backfill WHERE tenant_id = ? AND id = ?";
    private static final String LIST = "SELECT " + COLUMNS + " FROM backfill WHERE tenant_id = ? "
            + "AND (? = '' OR connection_id = ?) ORDER BY start_time DESC LIMIT ?";
    private static final String LAST_DONE = "SELECT " + COLUMNS + " FROM backfill WHERE connection_id = ? AND status = 'DONE' "
            + "ORDER BY start_time DESC LIMIT 1";
    private static final String CLAIMABLE = "SELECT " + COLUMNS + " FROM backfill WHERE status = 'RUNNING' "
            + "AND (lease_until IS NULL OR lease_until < ?) ORDER BY start_time LIMIT ? FOR UPDATE SKIP LOCKED";
    private static final String LEASE = "UPDATE backfill SET lease_until = ? WHERE id = ?";
    private static final String CHECKPOINT = "UPDATE backfill SET cursor_token = ?, pages = pages + 1, seen = seen + ?, "
            + "enqueued = enqueued + ?, lease_until = ?, update_time = ? WHERE id = ? AND status IN ('RUNNING', 'STOPPED')";
    private static final String STATUS = "SELECT status FROM backfill WHERE id = ?";
    private static final String SEEN_EXISTS = "SELECT 1 FROM backfill_seen WHERE backfill_id = ? AND application_id = ?";
    private static final String SEEN = "INSERT INTO backfill_seen (backfill_id, application_id) VALUES (?, ?)";
    private static final String FINISH = "UPDATE backfill SET status = ?, gone = ?, next_sync_token = ?, error = ?, "
            + "lease_until = NULL, update_time = ?, finish_time = ? WHERE id = ? AND status = 'RUNNING'";
    private static final String RESTART_FULL = "UPDATE backfill SET mode = 'FULL', cursor_token = NULL, since_token = NULL, "
            + "updated_since = NULL, pages = 0, error = ?, lease_until = ?, update_time = ? WHERE id = ? AND status = 'RUNNING'";
    private static final String STOP = "UPDATE backfill SET status = 'STOPPED', lease_until = NULL, update_time = ? "
            + "WHERE tenant_id = ? AND id = ? AND status = 'RUNNING'";
    private static final String RESUME = "UPDATE backfill SET status = 'RUNNING', lease_until = NULL, update_time = ? "
            + "WHERE tenant_id = ? AND id = ? AND status = 'STOPPED'";

    private final TransactionOperations<Connection> transactions;

    JdbcBackfills(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
    }

    @Override
    public Backfill create(Backfill b) {
        return TransactionRetry.write(transactions, "start a backfill of " + b.connectionId(), connection -> {
            try (PreparedStatement select = connection.prepareStatement(UNFINISHED)) {
                Sql.bind(select, b.connectionId());
                try (ResultSet rows = select.executeQuery()) {
                    if (rows.next()) {
                        return backfill(rows);
                    }
                }
            }
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                Sql.bind(insert, b.id(), b.tenantId(), b.connectionId(), b.mode().name(), b.status().name(), b.cursor(),
                        Sql.time(b.updatedSince() == null ? null : Sql.micros(b.updatedSince())), b.sinceToken(),
                        b.nextSyncToken(), b.pages(), b.seen(), b.enqueued(), b.gone(), b.error(), Sql.micros(b.startTime()),
                        Sql.micros(b.updateTime()), Sql.time(b.finishTime()));
                insert.executeUpdate();
            }
            return b;
        });
    }

    @Override
    public Optional<Backfill> find(String tenantId, String backfillId) {
        return TransactionRetry.read(transactions, "read backfill " + backfillId, connection -> {
            try (PreparedStatement select = connection.prepareStatement(FIND)) {
                Sql.bind(select, tenantId, backfillId);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? Optional.of(backfill(rows)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public List<Backfill> list(String tenantId, @Nullable String connectionId, int limit) {
        String connectionFilter = connectionId == null ? "" : connectionId;
        return TransactionRetry.read(transactions, "list backfills", connection -> {
            List<Backfill> list = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(LIST)) {
                Sql.bind(select, tenantId, connectionFilter, connectionFilter, limit);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        list.add(backfill(rows));
                    }
                }
            }
            return list;
        });
    }

    @Override
    public Optional<Backfill> lastDone(String connectionId) {
        return TransactionRetry.read(transactions, "read the last backfill of " + connectionId, connection -> {
            try (PreparedStatement select = connection.prepareStatement(LAST_DONE)) {
                Sql.bind(select, connectionId);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? Optional.of(backfill(rows)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public List<Backfill> claim(int limit, Instant leaseUntil, Instant now) {
        return TransactionRetry.write(transactions, "claim backfills", connection -> {
            List<Backfill> claimed = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(CLAIMABLE)) {
                Sql.bind(select, Sql.micros(now), limit);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        claimed.add(backfill(rows));
                    }
                }
            }
            for (Backfill b : claimed) {
                try (PreparedStatement update = connection.prepareStatement(LEASE)) {
                    Sql.bind(update, Sql.micros(leaseUntil), b.id());
                    update.executeUpdate();
                }
            }
            return claimed;
        });
    }

    @Override
    public boolean checkpoint(String backfillId, @Nullable String cursor, long seen, long enqueued, Instant leaseUntil,
                              Instant now) {
        return TransactionRetry.write(transactions, "checkpoint backfill " + backfillId, connection -> {
            // A page listed while an operator stopped the pass is still committed, so resuming never lists it again.
            try (PreparedStatement update = connection.prepareStatement(CHECKPOINT)) {
                Sql.bind(update, cursor, seen, enqueued, Sql.micros(leaseUntil), Sql.micros(now), backfillId);
                if (update.executeUpdate() != 1) {
                    return false;
                }
            }
            try (PreparedStatement select = connection.prepareStatement(STATUS)) {
                Sql.bind(select, backfillId);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() && "RUNNING".equals(rows.getString(1));
                }
            }
        });
    }

    @Override
    public void recordSeen(String backfillId, List<String> applicationIds) {
        TransactionRetry.change(transactions, "record what backfill " + backfillId + " saw", connection -> {
            for (String applicationId : applicationIds) {
                try (PreparedStatement exists = connection.prepareStatement(SEEN_EXISTS)) {
                    Sql.bind(exists, backfillId, applicationId);
                    try (ResultSet rows = exists.executeQuery()) {
                        if (rows.next()) {
                            continue;
                        }
                    }
                }
                try (PreparedStatement insert = connection.prepareStatement(SEEN)) {
                    Sql.bind(insert, backfillId, applicationId);
                    insert.executeUpdate();
                }
            }
        });
    }

    @Override
    public boolean restartFull(String backfillId, String note, Instant leaseUntil, Instant now) {
        return TransactionRetry.write(transactions, "restart backfill " + backfillId + " as a full pass", connection -> {
            try (PreparedStatement update = connection.prepareStatement(RESTART_FULL)) {
                Sql.bind(update, Sql.cut(note), Sql.micros(leaseUntil), Sql.micros(now), backfillId);
                return update.executeUpdate() == 1;
            }
        });
    }

    @Override
    public boolean finish(String backfillId, Status status, long gone, @Nullable String nextSyncToken,
                          @Nullable String error, Instant now) {
        Instant at = Sql.micros(now);
        return TransactionRetry.write(transactions, "finish backfill " + backfillId, connection -> {
            try (PreparedStatement update = connection.prepareStatement(FINISH)) {
                Sql.bind(update, status.name(), gone, nextSyncToken, Sql.cut(error), at, at, backfillId);
                return update.executeUpdate() == 1;
            }
        });
    }

    @Override
    public boolean stop(String tenantId, String backfillId, Instant now) {
        return update(STOP, tenantId, backfillId, now);
    }

    @Override
    public boolean resume(String tenantId, String backfillId, Instant now) {
        return update(RESUME, tenantId, backfillId, now);
    }

    private boolean update(String sql, String tenantId, String backfillId, Instant now) {
        return TransactionRetry.write(transactions, "change backfill " + backfillId, connection -> {
            try (PreparedStatement update = connection.prepareStatement(sql)) {
                Sql.bind(update, Sql.micros(now), tenantId, backfillId);
                return update.executeUpdate() == 1;
            }
        });
    }

    private static Backfill backfill(ResultSet rows) throws SQLException {
        return new Backfill(rows.getString("id"), rows.getString("tenant_id"), rows.getString("connection_id"),
                Mode.valueOf(rows.getString("mode")), Status.valueOf(rows.getString("status")),
                rows.getString("cursor_token"), Sql.instant(rows, "updated_since"), rows.getString("since_token"),
                rows.getString("next_sync_token"), rows.getInt("pages"), rows.getLong("seen"), rows.getLong("enqueued"),
                rows.getLong("gone"), rows.getString("error"), Sql.requiredInstant(rows, "start_time"),
                Sql.requiredInstant(rows, "update_time"), Sql.instant(rows, "finish_time"));
    }
}
