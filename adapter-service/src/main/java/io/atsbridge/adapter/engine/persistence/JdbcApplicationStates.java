package io.atsbridge.adapter.engine.persistence;

import io.atsbridge.adapter.engine.domain.ApplicationStates;
import io.atsbridge.adapter.engine.domain.AuditEntry;
import io.atsbridge.adapter.persistence.Sql;
import io.atsbridge.adapter.persistence.TransactionRetry;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** The {@code application_state} table. */
@Singleton
final class JdbcApplicationStates implements ApplicationStates {

    private static final String COLUMNS = "connection_id, application_id, tenant_id, applied_time, applied_event_id, "
            + "stage_id, is_open, gone_time";
    private static final String FIND = "SELECT " + COLUMNS + " FROM application_state WHERE connection_id = ? AND application_id = ?";
    private static final String LOCK = FIND + " FOR UPDATE";
    private static final String INSERT = "INSERT INTO application_state (connection_id, application_id, tenant_id, "
            + "applied_time, applied_event_id, stage_id, is_open, gone_time, update_time) VALUES (?, ?, ?, ?, ?, ?, TRUE, NULL, ?)";
    private static final String UPDATE = "UPDATE application_state SET applied_time = ?, applied_event_id = ?, stage_id = ?, "
            + "is_open = TRUE, gone_time = NULL, update_time = ? WHERE connection_id = ? AND application_id = ?";
    private static final String UNSEEN = "SELECT " + COLUMNS + " FROM application_state s WHERE s.connection_id = ? "
            + "AND s.is_open = TRUE AND NOT EXISTS (SELECT 1 FROM backfill_seen b WHERE b.backfill_id = ? "
            + "AND b.application_id = s.application_id) FOR UPDATE";
    private static final String GONE = "UPDATE application_state SET is_open = FALSE, gone_time = ?, update_time = ? "
            + "WHERE connection_id = ? AND application_id = ?";

    private final TransactionOperations<Connection> transactions;
    private final JsonMapper json;
    private final Clock clock;

    JdbcApplicationStates(TransactionOperations<Connection> transactions, JsonMapper json, Clock clock) {
        this.clock = clock;
        this.transactions = transactions;
        this.json = json;
    }

    @Override
    public boolean apply(String tenantId, String connectionId, String applicationId, Instant occurTime, String eventId,
                         @Nullable String stageId) {
        Instant at = Sql.micros(occurTime);
        Instant now = Sql.micros(clock.instant());
        return TransactionRetry.write(transactions, "record the state of application " + applicationId, connection -> {
            Optional<ApplicationState> current = read(connection, LOCK, connectionId, applicationId);
            if (current.isEmpty()) {
                try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                    Sql.bind(insert, connectionId, applicationId, tenantId, at, eventId, stageId, now);
                    insert.executeUpdate();
                }
                return true;
            }
            ApplicationState state = current.get();
            if (at.isBefore(state.appliedTime()) && !state.appliedEventId().equals(eventId)) {
                return false;
            }
            try (PreparedStatement update = connection.prepareStatement(UPDATE)) {
                Sql.bind(update, at, eventId, stageId, now, connectionId, applicationId);
                update.executeUpdate();
            }
            return true;
        });
    }

    @Override
    public Optional<ApplicationState> find(String connectionId, String applicationId) {
        return TransactionRetry.read(transactions, "read the state of application " + applicationId,
                connection -> read(connection, FIND, connectionId, applicationId));
    }

    @Override
    public List<ApplicationState> markUnseenGone(String connectionId, String backfillId, Instant now,
                                                 Function<ApplicationState, AuditEntry> audit) {
        Instant at = Sql.micros(now);
        return TransactionRetry.write(transactions, "mark applications of " + connectionId + " gone", connection -> {
            List<ApplicationState> gone = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(UNSEEN)) {
                Sql.bind(select, connectionId, backfillId);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        gone.add(state(rows));
                    }
                }
            }
            for (ApplicationState state : gone) {
                try (PreparedStatement update = connection.prepareStatement(GONE)) {
                    Sql.bind(update, at, at, connectionId, state.applicationId());
                    update.executeUpdate();
                }
            }
            List<ApplicationState> marked = gone.stream().map(s -> new ApplicationState(s.connectionId(), s.applicationId(),
                    s.tenantId(), s.appliedTime(), s.appliedEventId(), s.stageId(), false, at)).toList();
            OutboxRows.insert(connection, json, marked.stream().map(audit).toList(), at);
            return marked;
        });
    }

    private static Optional<ApplicationState> read(Connection connection, String sql, String connectionId,
                                                   String applicationId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            Sql.bind(select, connectionId, applicationId);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(state(rows)) : Optional.empty();
            }
        }
    }

    private static ApplicationState state(ResultSet rows) throws SQLException {
        return new ApplicationState(rows.getString("connection_id"), rows.getString("application_id"),
                rows.getString("tenant_id"), Sql.requiredInstant(rows, "applied_time"), rows.getString("applied_event_id"),
                rows.getString("stage_id"), rows.getBoolean("is_open"), Sql.instant(rows, "gone_time"));
    }
}
