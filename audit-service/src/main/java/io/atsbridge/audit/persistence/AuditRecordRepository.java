package io.atsbridge.audit.persistence;

import io.atsbridge.audit.domain.RecordFilter;
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
     * query can use the index that leads with its filter (tenant_id, trace_id | subject_ref | action | actor |
     * candidate_ref | application_ref | requisition_ref, sequence). Must run inside a transaction or connection scope.
     */
    public List<AuditRecordRow> findPage(String tenantId, RecordFilter filter, long afterSequence, int limit) {
        StringBuilder sql = new StringBuilder("SELECT * FROM audit_record WHERE tenant_id = ?");
        List<Object> arguments = new ArrayList<>();
        arguments.add(tenantId);
        equal(sql, arguments, "trace_id", filter.traceId());
        equal(sql, arguments, "subject_ref", filter.subjectRef());
        equal(sql, arguments, "action", filter.action());
        equal(sql, arguments, "actor", filter.actor());
        equal(sql, arguments, "requisition_ref", filter.requisitionId());
        if (!filter.candidateId().isEmpty()) {
            sql.append(" AND (candidate_ref = ? OR subject_ref = ?)");
            arguments.add(filter.candidateId());
            arguments.add(filter.candidateId());
        }
        if (!filter.applicationId().isEmpty()) {
            sql.append(" AND (application_ref = ? OR subject_ref = ?)");
            arguments.add(filter.applicationId());
            arguments.add(filter.applicationId());
        }
        Instant startTime = filter.startTime();
        if (startTime != null) {
            sql.append(" AND occur_time >= ?");
            arguments.add(UtcDateTimeText.format(startTime));
        }
        Instant endTime = filter.endTime();
        if (endTime != null) {
            sql.append(" AND occur_time < ?");
            arguments.add(UtcDateTimeText.format(endTime));
        }
        sql.append(" AND `sequence` > ? ORDER BY `sequence` LIMIT ?");
        arguments.add(afterSequence);
        arguments.add(limit);
        return select(sql.toString(), arguments);
    }

    /**
     * Up to {@code limit} records after {@code afterSequence} of a candidate's timeline, in log order: those about
     * the candidate (subject_ref or candidate_ref) and those of the given traces and applications. Must run inside a
     * transaction or connection scope.
     */
    public List<AuditRecordRow> findTimeline(String tenantId, String candidateId, Collection<String> traceIds,
                                             Collection<String> applicationIds, long afterSequence, int limit) {
        StringBuilder sql = new StringBuilder("SELECT * FROM audit_record WHERE tenant_id = ? AND (candidate_ref = ? "
                + "OR subject_ref = ?");
        List<Object> arguments = new ArrayList<>(List.of(tenantId, candidateId, candidateId));
        in(sql, arguments, "trace_id", traceIds);
        in(sql, arguments, "subject_ref", applicationIds);
        in(sql, arguments, "application_ref", applicationIds);
        sql.append(") AND `sequence` > ? ORDER BY `sequence` LIMIT ?");
        arguments.add(afterSequence);
        arguments.add(limit);
        return select(sql.toString(), arguments);
    }

    /**
     * The distinct (trace_id, subject_ref) pairs of the records whose attribute candidate_id names the candidate
     * (the loop's steps for that person), at most {@code limit}, excluding reads of the log: a reader's trace is
     * the reader's, not the candidate's. Must run inside a transaction or connection scope.
     */
    public List<String[]> findCandidateTraces(String tenantId, String candidateId, String excludedAction, int limit) {
        return jdbc.prepareStatement("SELECT DISTINCT trace_id, subject_ref FROM audit_record WHERE tenant_id = ? "
                + "AND candidate_ref = ? AND action <> ? ORDER BY trace_id, subject_ref LIMIT ?", statement -> {
                    bind(statement, List.of(tenantId, candidateId, excludedAction, limit));
                    List<String[]> pairs = new ArrayList<>();
                    try (ResultSet results = statement.executeQuery()) {
                        while (results.next()) {
                            pairs.add(new String[] {results.getString(1), results.getString(2)});
                        }
                    }
                    return pairs;
                });
    }

    private static void equal(StringBuilder sql, List<Object> arguments, String column, String value) {
        if (!value.isEmpty()) {
            sql.append(" AND ").append(column).append(" = ?");
            arguments.add(value);
        }
    }

    private static void in(StringBuilder sql, List<Object> arguments, String column, Collection<String> values) {
        if (!values.isEmpty()) {
            sql.append(" OR ").append(column).append(" IN (").append("?, ".repeat(values.size() - 1)).append("?)");
            arguments.addAll(values);
        }
    }

    private List<AuditRecordRow> select(String sql, List<Object> arguments) {
        return jdbc.prepareStatement(sql, statement -> {
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
