package io.atsbridge.audit.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** The audit records. There is deliberately no way to change or remove one. */
@JdbcRepository(dialect = Dialect.MYSQL)
abstract class AuditRecordRepository implements GenericRepository<AuditRecordRow, Long> {

    private final JdbcOperations jdbc;

    AuditRecordRepository(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    public abstract List<AuditRecordRow> saveAll(Iterable<AuditRecordRow> rows);

    public abstract List<AuditRecordRow> findByTenantIdAndRecordIdIn(String tenantId, Collection<String> recordIds);

    /** The records with {@code from <= sequence < to}, in log order. */
    public abstract List<AuditRecordRow> findByTenantIdAndSequenceGreaterThanEqualsAndSequenceLessThanOrderBySequence(
            String tenantId, long from, long to);

    public abstract long countByTenantId(String tenantId);

    /**
     * Up to {@code limit} records after {@code afterSequence} that match every given filter, in log
     * order. Empty strings and nulls mean "any". Only the filters given become SQL conditions, so each
     * query can use the index that leads with its filter (tenant_id, trace_id | subject_ref | action, sequence).
     * Must run inside a transaction or connection scope.
     */
    public List<AuditRecordRow> findPage(String tenantId, String traceId, String subjectRef, String action,
                                         @Nullable Instant startTime, @Nullable Instant endTime,
                                         long afterSequence, int limit) {
        StringBuilder sql = new StringBuilder("SELECT * FROM audit_record WHERE tenant_id = ?");
        List<Object> arguments = new ArrayList<>();
        arguments.add(tenantId);
        if (!traceId.isEmpty()) {
            sql.append(" AND trace_id = ?");
            arguments.add(traceId);
        }
        if (!subjectRef.isEmpty()) {
            sql.append(" AND subject_ref = ?");
            arguments.add(subjectRef);
        }
        if (!action.isEmpty()) {
            sql.append(" AND action = ?");
            arguments.add(action);
        }
        if (startTime != null) {
            sql.append(" AND occur_time >= ?");
            arguments.add(UtcDateTimeText.format(startTime));
        }
        if (endTime != null) {
            sql.append(" AND occur_time < ?");
            arguments.add(UtcDateTimeText.format(endTime));
        }
        sql.append(" AND `sequence` > ? ORDER BY `sequence` LIMIT ?");
        arguments.add(afterSequence);
        arguments.add(limit);
        return jdbc.prepareStatement(sql.toString(), statement -> {
            bind(statement, arguments);
            List<AuditRecordRow> rows = new ArrayList<>();
            try (ResultSet results = statement.executeQuery()) {
                while (results.next()) {
                    rows.add(jdbc.readEntity(results, AuditRecordRow.class));
                }
            }
            return rows;
        });
    }

    private static void bind(PreparedStatement statement, List<Object> arguments) throws java.sql.SQLException {
        for (int i = 0; i < arguments.size(); i++) {
            Object argument = arguments.get(i);
            if (argument instanceof Long number) {
                statement.setLong(i + 1, number);
            } else if (argument instanceof Integer number) {
                statement.setInt(i + 1, number);
            } else {
                statement.setString(i + 1, (String) argument);
            }
        }
    }
}
