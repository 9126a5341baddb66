package io.atsbridge.adapter.engine.persistence;

import io.atsbridge.adapter.engine.domain.AuditEntry;
import io.atsbridge.adapter.outbound.persistence.OutboundRows;
import io.atsbridge.adapter.persistence.Sql;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Writes audit records into the outbox inside the caller's transaction; a record already stored is skipped. */
final class OutboxRows {

    static final Argument<Map<String, String>> ATTRIBUTES = Argument.mapOf(String.class, String.class);
    private static final String EXISTS = "SELECT 1 FROM audit_outbox WHERE tenant_id = ? AND record_id = ?";
    private static final String INSERT = "INSERT INTO audit_outbox (tenant_id, record_id, trace_id, action, subject_ref, "
            + "connection_id, attributes, payload_sha256, occur_time, create_time) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private OutboxRows() {
    }

    /**
     * Inserts the records that are not stored yet. Two transactions inserting the same record at once
     * make one of them fail on the unique key; the caller's transaction is then retried whole.
     */
    static void insert(Connection connection, JsonMapper json, List<AuditEntry> entries, Instant now) throws SQLException {
        List<AuditEntry> stored = new java.util.ArrayList<>();
        for (AuditEntry entry : entries) {
            try (PreparedStatement exists = connection.prepareStatement(EXISTS)) {
                Sql.bind(exists, entry.tenantId(), entry.recordId());
                try (ResultSet rows = exists.executeQuery()) {
                    if (rows.next()) {
                        continue;
                    }
                }
            }
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                byte[] hash = entry.payloadSha256();
                Sql.bind(insert, entry.tenantId(), entry.recordId(), entry.traceId(), entry.action(), entry.subjectRef(),
                        entry.connectionId(), attributesJson(json, entry.attributes()), hash.length == 0 ? null : hash,
                        Sql.micros(entry.occurTime()), now);
                insert.executeUpdate();
            }
            stored.add(entry);
        }
        // Subscribers' events of these steps, in the same transaction (see SyncEventsFromAudit).
        OutboundRows.insert(connection, io.atsbridge.adapter.engine.persistence.SyncEventsFromAudit.from(stored), now);
    }

    static String attributesJson(JsonMapper json, Map<String, String> attributes) {
        try {
            return new String(json.writeValueAsBytes(ATTRIBUTES, new TreeMap<>(attributes)), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write audit attributes as JSON", e);
        }
    }

    static Map<String, String> attributes(JsonMapper json, String text) {
        try {
            return json.readValue(text.getBytes(StandardCharsets.UTF_8), ATTRIBUTES);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read stored audit attributes", e);
        }
    }
}
