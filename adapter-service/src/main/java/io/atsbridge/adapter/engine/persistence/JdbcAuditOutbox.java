package io.atsbridge.adapter.engine.persistence;

import io.atsbridge.adapter.engine.domain.AuditEntry;
import io.atsbridge.adapter.engine.domain.AuditOutbox;
import io.atsbridge.adapter.persistence.Sql;
import io.atsbridge.adapter.persistence.TransactionRetry;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The {@code audit_outbox} table. */
@Singleton
final class JdbcAuditOutbox implements AuditOutbox {

    private final TransactionOperations<Connection> transactions;
    private final JsonMapper json;

    JdbcAuditOutbox(TransactionOperations<Connection> transactions, JsonMapper json) {
        this.transactions = transactions;
        this.json = json;
    }

    @Override
    public List<AuditEntry> unsent(int limit) {
        return TransactionRetry.read(transactions, "read the audit outbox", connection -> {
            List<AuditEntry> entries = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT tenant_id, record_id, trace_id, action, "
                    + "subject_ref, connection_id, attributes, payload_sha256, occur_time FROM audit_outbox "
                    + "WHERE sent_time IS NULL ORDER BY seq LIMIT ?")) {
                Sql.bind(select, limit);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        byte[] hash = rows.getBytes("payload_sha256");
                        entries.add(new AuditEntry(rows.getString("tenant_id"), rows.getString("record_id"),
                                rows.getString("trace_id"), rows.getString("action"), rows.getString("subject_ref"),
                                rows.getString("connection_id"), OutboxRows.attributes(json, rows.getString("attributes")),
                                hash == null ? new byte[0] : hash, Sql.requiredInstant(rows, "occur_time")));
                    }
                }
            }
            return entries;
        });
    }

    @Override
    public void markSent(List<AuditEntry> entries, Instant now) {
        if (entries.isEmpty()) {
            return;
        }
        TransactionRetry.change(transactions, "mark audit records relayed", connection -> {
            for (AuditEntry entry : entries) {
                try (PreparedStatement update = connection.prepareStatement("UPDATE audit_outbox SET sent_time = ? "
                        + "WHERE tenant_id = ? AND record_id = ? AND sent_time IS NULL")) {
                    Sql.bind(update, Sql.micros(now), entry.tenantId(), entry.recordId());
                    update.executeUpdate();
                }
            }
        });
    }

    @Override
    public void markRefused(AuditEntry entry, String error, Instant now) {
        TransactionRetry.change(transactions, "mark an audit record refused", connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE audit_outbox SET sent_time = ?, "
                    + "relay_error = ? WHERE tenant_id = ? AND record_id = ?")) {
                Sql.bind(update, Sql.micros(now), Sql.cut(error), entry.tenantId(), entry.recordId());
                update.executeUpdate();
            }
        });
    }

    @Override
    public long unsentCount(@Nullable String tenantId) {
        return TransactionRetry.read(transactions, "count the audit outbox", connection -> {
            String sql = "SELECT COUNT(*) FROM audit_outbox WHERE sent_time IS NULL" + (tenantId == null ? "" : " AND tenant_id = ?");
            try (PreparedStatement count = connection.prepareStatement(sql)) {
                if (tenantId != null) {
                    Sql.bind(count, tenantId);
                }
                try (ResultSet rows = count.executeQuery()) {
                    rows.next();
                    return rows.getLong(1);
                }
            }
        });
    }
}
