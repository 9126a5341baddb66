package io.atsbridge.adapter.engine.persistence;

import io.atsbridge.adapter.engine.domain.AuditEntry;
import io.atsbridge.adapter.engine.domain.FieldOwnership;
import io.atsbridge.adapter.engine.domain.Inbox;
import io.atsbridge.adapter.engine.domain.InboxEvent;
import io.atsbridge.adapter.engine.domain.LoopCase;
import io.atsbridge.adapter.engine.domain.LoopCaseStatus;
import io.atsbridge.adapter.engine.domain.LoopEnding;
import io.atsbridge.adapter.engine.domain.LoopStore;
import io.atsbridge.adapter.engine.domain.LoopTransitions;
import io.atsbridge.adapter.engine.domain.LoopTransitions.Event;
import io.atsbridge.adapter.engine.domain.WriteConflict;
import io.atsbridge.adapter.engine.domain.WriteRecord;
import io.atsbridge.adapter.persistence.Sql;
import io.atsbridge.adapter.persistence.TransactionRetry;
import io.atsbridge.platform.database.SqlFailures;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The {@code loop_case}, {@code write_record}, {@code field_ownership} and {@code write_conflict} tables;
 * every state change stores its audit records in the same transaction.
 *
 * <p>Each guarded update of a case's status takes the states it starts from and the state it sets from
 * {@link LoopTransitions} ({@link #from} and {@link #to}); its other conditions are about the row: which inbox
 * event holds the case, whether an interview exists, whether a result was written before.
 */
@Singleton
final class JdbcLoopStore implements LoopStore {

    private static final String COLUMNS = "id, tenant_id, ats_connection_id, application_external_id, candidate_external_id, "
            + "job_external_id, trigger_stage_id, candidate_id, application_id, ai_connection_id, interview_id, trace_id, "
            + "status, trigger_event_id, writer_event_id, trigger_receive_time, invite_time, complete_time, write_time, "
            + "detail, create_time, update_time";
    private static final String INSERT = "INSERT INTO loop_case (" + COLUMNS + ") VALUES "
            + "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String UPSERT_RECORD_DELETE = "DELETE FROM write_record WHERE case_id = ? AND scope = ? AND field_key = ?";
    private static final String INSERT_RECORD = "INSERT INTO write_record (id, tenant_id, case_id, scope, field_key, "
            + "value_text, note_id, write_time) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

    private static final String CONFLICT_COLUMNS = "id, seq, tenant_id, ats_connection_id, case_id, trace_id, scope, "
            + "record_id, candidate_external_id, application_external_id, job_external_id, field_key, value_kind, theirs, ours, status, create_time, "
            + "update_time, resolve_time, resolved_by, resolve_request_id";
    private static final String INSERT_CONFLICT = "INSERT INTO write_conflict (id, tenant_id, ats_connection_id, case_id, "
            + "trace_id, scope, record_id, candidate_external_id, application_external_id, job_external_id, field_key, value_kind, "
            + "theirs, ours, status, create_time, update_time) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'OPEN', ?, ?)";

    /** The states a case ends in that the recruiter is told about on the ATS record ({@link LoopEnding}). */
    private static final java.util.Set<LoopCaseStatus> ENDINGS_TOLD = java.util.EnumSet.of(LoopCaseStatus.CONSENT_BLOCKED,
            LoopCaseStatus.FAILED, LoopCaseStatus.DECLINED, LoopCaseStatus.EXPIRED, LoopCaseStatus.ABANDONED,
            LoopCaseStatus.CANCELLED);
    /** The events that end an invitation ({@link #markEnded}). */
    private static final java.util.Set<Event> INVITATION_ENDINGS =
            java.util.EnumSet.of(Event.DECLINE, Event.EXPIRE, Event.ABANDON, Event.CANCEL);

    /** The inbox event that holds a case in a state an event drives alone: the one inviting, or the one writing. */
    private static final String HOLDER = "CASE status WHEN " + sql(LoopCaseStatus.TRIGGERED) + " THEN trigger_event_id "
            + "WHEN " + sql(LoopCaseStatus.WRITING) + " THEN writer_event_id END";

    static {
        // The conditions below name these states besides what the table gives: a state the table stops sending
        // the event from would leave a condition that can never hold, so the table must still say so.
        LoopTransitions.require(LoopCaseStatus.WRITING, Event.START_WRITING);
        for (LoopCaseStatus held : Event.FAIL.sources()) {
            if (held != LoopCaseStatus.TRIGGERED && held != LoopCaseStatus.WRITING) {
                throw new IllegalStateException("loop_case has no column naming the event that holds a " + held + " case, "
                        + "which " + Event.FAIL + " now starts from");
            }
        }
    }

    private final TransactionOperations<Connection> transactions;
    private final JsonMapper json;
    private final Inbox inbox;

    JdbcLoopStore(TransactionOperations<Connection> transactions, JsonMapper json, Inbox inbox) {
        this.transactions = transactions;
        this.json = json;
        this.inbox = inbox;
    }

    @Override
    public Optional<LoopCase> find(String caseId) {
        return findOne("SELECT " + COLUMNS + " FROM loop_case WHERE id = ?", caseId);
    }

    @Override
    public Optional<LoopCase> findByTrigger(String atsConnectionId, String applicationExternalId, String triggerStageId) {
        return findOne("SELECT " + COLUMNS + " FROM loop_case WHERE ats_connection_id = ? AND application_external_id = ? "
                + "AND trigger_stage_id = ?", atsConnectionId, applicationExternalId, triggerStageId);
    }

    @Override
    public Optional<LoopCase> findByCandidateJob(String atsConnectionId, String candidateExternalId, String jobExternalId) {
        return findOne("SELECT " + COLUMNS + " FROM loop_case WHERE ats_connection_id = ? AND candidate_external_id = ? "
                + "AND job_external_id = ? ORDER BY create_time DESC, id LIMIT 1", atsConnectionId, candidateExternalId,
                jobExternalId);
    }

    @Override
    public Optional<LoopCase> findByApplicationExternalId(String atsConnectionId, String applicationExternalId) {
        return findOne("SELECT " + COLUMNS + " FROM loop_case WHERE ats_connection_id = ? AND application_external_id = ? "
                + "ORDER BY create_time DESC, id LIMIT 1", atsConnectionId, applicationExternalId);
    }

    @Override
    public Optional<LoopCase> findByInterview(String aiConnectionId, String interviewId) {
        return findOne("SELECT " + COLUMNS + " FROM loop_case WHERE ai_connection_id = ? AND interview_id = ?",
                aiConnectionId, interviewId);
    }

    @Override
    public List<LoopCase> findByApplication(String atsConnectionId, String applicationId) {
        return TransactionRetry.read(transactions, "read loop cases", connection -> {
            List<LoopCase> found = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + " FROM loop_case "
                    + "WHERE ats_connection_id = ? AND application_id = ? ORDER BY create_time")) {
                Sql.bind(select, atsConnectionId, applicationId);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        found.add(loopCase(rows));
                    }
                }
            }
            return found;
        });
    }

    @Override
    public boolean create(LoopCase c, List<AuditEntry> audit) {
        return TransactionRetry.write(transactions, "store loop case " + c.id(), connection -> {
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                Sql.bind(insert, c.id(), c.tenantId(), c.atsConnectionId(), c.applicationExternalId(),
                        c.candidateExternalId(), c.jobExternalId(), c.triggerStageId(), c.candidateId(), c.applicationId(),
                        c.aiConnectionId(), c.interviewId(), c.traceId(), c.status().name(), c.triggerEventId(),
                        c.writerEventId(), Sql.micros(c.triggerReceiveTime()), Sql.time(c.inviteTime()),
                        Sql.time(c.completeTime()), Sql.time(c.writeTime()), Sql.cut(c.detail()),
                        Sql.micros(c.createTime()), Sql.micros(c.updateTime()));
                insert.executeUpdate();
            } catch (SQLException e) {
                if (SqlFailures.isDuplicateKey(e)) {
                    // The same trigger is stored already (another event or replica): the caller reads that case.
                    return false;
                }
                throw e;
            }
            OutboxRows.insert(connection, json, audit, Sql.micros(c.createTime()));
            return true;
        });
    }

    @Override
    public boolean restart(String caseId, String triggerEventId, Instant now, List<AuditEntry> audit) {
        return update(caseId, audit, now, "UPDATE loop_case SET status = " + to(Event.RESTART) + ", trigger_event_id = ?, "
                + "detail = NULL, update_time = ? WHERE id = ? AND " + from(Event.RESTART) + " AND interview_id IS NULL",
                triggerEventId, now, caseId);
    }

    @Override
    public boolean markBlocked(String caseId, String detail, Instant now, List<AuditEntry> audit, List<InboxEvent> notices) {
        return update(caseId, audit, notices, now, "UPDATE loop_case SET status = " + to(Event.BLOCK_INTERVIEW) + ", detail = ?, "
                + "update_time = ? WHERE id = ? AND " + from(Event.BLOCK_INTERVIEW), Sql.cut(detail), now, caseId);
    }

    @Override
    public boolean markWriteBlocked(String caseId, String eventId, String detail, Instant now, List<AuditEntry> audit,
                                    List<InboxEvent> notices) {
        return update(caseId, audit, notices, now, "UPDATE loop_case SET status = " + to(Event.BLOCK_WRITING) + ", detail = ?, "
                + "update_time = ? WHERE id = ? AND " + from(Event.BLOCK_WRITING) + " AND writer_event_id = ?",
                Sql.cut(detail), now, caseId, eventId);
    }

    @Override
    public boolean markInvited(String caseId, String interviewId, String detail, Instant now, List<AuditEntry> audit) {
        return update(caseId, audit, now, "UPDATE loop_case SET status = " + to(Event.INVITE) + ", interview_id = ?, "
                + "invite_time = ?, detail = ?, update_time = ? WHERE id = ? AND " + from(Event.INVITE),
                interviewId, now, Sql.cut(detail), now, caseId);
    }

    @Override
    public boolean startWriting(String caseId, String eventId, @Nullable Instant completeTime, Instant now,
                                List<AuditEntry> audit) {
        // A case being written is taken only by the event writing it (resuming after its lease ran out).
        return update(caseId, audit, now, "UPDATE loop_case SET status = " + to(Event.START_WRITING) + ", writer_event_id = ?, "
                        + "complete_time = ?, update_time = ? WHERE id = ? AND " + from(Event.START_WRITING) + " AND (status <> "
                        + sql(LoopCaseStatus.WRITING) + " OR writer_event_id = ?)",
                eventId, Sql.time(completeTime == null ? null : Sql.micros(completeTime)), now, caseId, eventId);
    }

    @Override
    public boolean resumeWriting(String caseId, String eventId, Instant now, List<AuditEntry> audit) {
        return update(caseId, audit, now, "UPDATE loop_case SET status = " + to(Event.RESUME_WRITING) + ", detail = NULL, "
                + "update_time = ? WHERE id = ? AND " + from(Event.RESUME_WRITING) + " AND writer_event_id = ?", now, caseId, eventId);
    }

    @Override
    public boolean startRewriting(String caseId, String eventId, String resultSha256, @Nullable Instant completeTime,
                                  Instant now, List<AuditEntry> audit) {
        return update(caseId, audit, now, "UPDATE loop_case SET status = " + to(Event.START_REWRITING) + ", writer_event_id = ?, "
                        + "complete_time = ?, update_time = ? WHERE id = ? AND " + from(Event.START_REWRITING)
                        + " AND (result_sha256 IS NULL OR result_sha256 <> ?)",
                eventId, Sql.time(completeTime == null ? null : Sql.micros(completeTime)), now, caseId, resultSha256);
    }

    @Override
    public boolean markWritten(String caseId, String eventId, List<WriteRecord> records, String resultSha256,
                               List<FieldOwnership> owned, List<WriteConflict> conflicts, String detail, Instant now,
                               List<AuditEntry> audit) {
        Instant at = Sql.micros(now);
        return TransactionRetry.write(transactions, "store what was written for loop case " + caseId, connection -> {
            String tenant;
            try (PreparedStatement update = connection.prepareStatement("UPDATE loop_case SET status = "
                    + to(Event.FINISH_WRITING) + ", write_time = ?, result_sha256 = ?, detail = ?, update_time = ? WHERE id = ? "
                    + "AND " + from(Event.FINISH_WRITING) + " AND writer_event_id = ?")) {
                Sql.bind(update, at, resultSha256, Sql.cut(detail), at, caseId, eventId);
                if (update.executeUpdate() != 1) {
                    return false;
                }
            }
            try (PreparedStatement select = connection.prepareStatement("SELECT tenant_id FROM loop_case WHERE id = ?")) {
                Sql.bind(select, caseId);
                try (ResultSet rows = select.executeQuery()) {
                    rows.next();
                    tenant = rows.getString(1);
                }
            }
            for (WriteRecord record : records) {
                try (PreparedStatement delete = connection.prepareStatement(UPSERT_RECORD_DELETE)) {
                    Sql.bind(delete, caseId, record.scope(), record.fieldKey());
                    delete.executeUpdate();
                }
                try (PreparedStatement insert = connection.prepareStatement(INSERT_RECORD)) {
                    Sql.bind(insert, UUID.randomUUID().toString(), tenant, caseId, record.scope(), record.fieldKey(),
                            record.valueText(), record.noteId(), Sql.micros(record.writeTime()));
                    insert.executeUpdate();
                }
            }
            for (FieldOwnership ownership : owned) {
                storeOwnership(connection, tenant, ownership);
            }
            for (WriteConflict conflict : conflicts) {
                storeConflict(connection, conflict, at);
            }
            OutboxRows.insert(connection, json, audit, at);
            return true;
        });
    }

    /** Replaces the ownership row of the field. */
    private static void storeOwnership(Connection connection, String tenant, FieldOwnership o) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM field_ownership WHERE ats_connection_id = ? "
                + "AND scope = ? AND record_id = ? AND field_key = ?")) {
            Sql.bind(delete, o.atsConnectionId(), o.scope(), o.recordId(), o.fieldKey());
            delete.executeUpdate();
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO field_ownership (ats_connection_id, scope, "
                + "record_id, field_key, tenant_id, owner, written_text, observed_text, update_time) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            Sql.bind(insert, o.atsConnectionId(), o.scope(), o.recordId(), o.fieldKey(), tenant, o.owner().name(),
                    o.writtenText(), o.observedText(), Sql.micros(o.updateTime()));
            insert.executeUpdate();
        }
    }

    /** Inserts the conflict, or refreshes the field's OPEN conflict with the newer values. */
    private static void storeConflict(Connection connection, WriteConflict c, Instant at) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE write_conflict SET case_id = ?, trace_id = ?, "
                + "value_kind = ?, theirs = ?, ours = ?, update_time = ? WHERE ats_connection_id = ? AND scope = ? "
                + "AND record_id = ? AND field_key = ? AND status = 'OPEN'")) {
            Sql.bind(update, c.caseId(), c.traceId(), c.valueKind(), c.theirs(), c.ours(), at, c.atsConnectionId(),
                    c.scope(), c.recordId(), c.fieldKey());
            if (update.executeUpdate() > 0) {
                return;
            }
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT_CONFLICT)) {
            Sql.bind(insert, c.id(), c.tenantId(), c.atsConnectionId(), c.caseId(), c.traceId(), c.scope(), c.recordId(),
                    c.candidateExternalId(), c.applicationExternalId(), c.jobExternalId(), c.fieldKey(), c.valueKind(),
                    c.theirs(), c.ours(), at, at);
            insert.executeUpdate();
        }
    }

    @Override
    public Map<String, FieldOwnership> ownership(String atsConnectionId, String scope, String recordId) {
        return TransactionRetry.read(transactions, "read field ownership", connection -> {
            Map<String, FieldOwnership> owned = new LinkedHashMap<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT field_key, owner, written_text, observed_text, "
                    + "update_time FROM field_ownership WHERE ats_connection_id = ? AND scope = ? AND record_id = ?")) {
                Sql.bind(select, atsConnectionId, scope, recordId);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        owned.put(rows.getString(1), new FieldOwnership(atsConnectionId, scope, recordId, rows.getString(1),
                                FieldOwnership.Owner.valueOf(rows.getString(2)), rows.getString(3), rows.getString(4),
                                Sql.requiredInstant(rows, "update_time")));
                    }
                }
            }
            return owned;
        });
    }

    @Override
    public List<WriteConflict> conflicts(String tenantId, @Nullable WriteConflict.Status status, long afterSeq, int limit) {
        return TransactionRetry.read(transactions, "read write conflicts", connection -> {
            List<WriteConflict> found = new ArrayList<>();
            String sql = "SELECT " + CONFLICT_COLUMNS + " FROM write_conflict WHERE tenant_id = ? AND seq > ?"
                    + (status == null ? "" : " AND status = ?") + " ORDER BY seq LIMIT ?";
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                if (status == null) {
                    Sql.bind(select, tenantId, afterSeq, limit);
                } else {
                    Sql.bind(select, tenantId, afterSeq, status.name(), limit);
                }
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        found.add(conflict(rows));
                    }
                }
            }
            return found;
        });
    }

    @Override
    public Optional<WriteConflict> findConflict(String tenantId, String conflictId) {
        return TransactionRetry.read(transactions, "read write conflict", connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + CONFLICT_COLUMNS
                    + " FROM write_conflict WHERE tenant_id = ? AND id = ?")) {
                Sql.bind(select, tenantId, conflictId);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? Optional.of(conflict(rows)) : Optional.<WriteConflict>empty();
                }
            }
        });
    }

    @Override
    public boolean resolveConflict(String conflictId, WriteConflict.Status resolution, String resolvedBy, String requestId,
                                   FieldOwnership owned, Instant now, List<AuditEntry> audit) {
        Instant at = Sql.micros(now);
        return TransactionRetry.write(transactions, "resolve write conflict " + conflictId, connection -> {
            String tenant;
            try (PreparedStatement update = connection.prepareStatement("UPDATE write_conflict SET status = ?, resolve_time = ?, "
                    + "resolved_by = ?, resolve_request_id = ?, update_time = ? WHERE id = ? AND status = 'OPEN'")) {
                Sql.bind(update, resolution.name(), at, cut(resolvedBy, 200), requestId, at, conflictId);
                if (update.executeUpdate() != 1) {
                    return false;
                }
            }
            try (PreparedStatement select = connection.prepareStatement("SELECT tenant_id FROM write_conflict WHERE id = ?")) {
                Sql.bind(select, conflictId);
                try (ResultSet rows = select.executeQuery()) {
                    rows.next();
                    tenant = rows.getString(1);
                }
            }
            storeOwnership(connection, tenant, owned);
            OutboxRows.insert(connection, json, audit, at);
            return true;
        });
    }

    private static WriteConflict conflict(ResultSet rows) throws SQLException {
        return new WriteConflict(rows.getString("id"), rows.getLong("seq"), rows.getString("tenant_id"),
                rows.getString("ats_connection_id"), rows.getString("case_id"), rows.getString("trace_id"),
                rows.getString("scope"), rows.getString("record_id"), rows.getString("candidate_external_id"),
                rows.getString("application_external_id"),
                rows.getString("job_external_id"), rows.getString("field_key"), rows.getString("value_kind"),
                rows.getString("theirs"), rows.getString("ours"), WriteConflict.Status.valueOf(rows.getString("status")),
                Sql.requiredInstant(rows, "create_time"), Sql.requiredInstant(rows, "update_time"), Sql.instant(rows, "resolve_time"),
                rows.getString("resolved_by"), rows.getString("resolve_request_id"));
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }

    @Override
    public boolean releaseWriting(String caseId, String eventId, String detail, Instant now) {
        // A case written before holds an earlier result: releasing a re-scored one goes back to it.
        return update(caseId, List.of(), now, "UPDATE loop_case SET status = CASE WHEN write_time IS NULL THEN "
                + to(Event.RELEASE_WRITING) + " ELSE " + to(Event.RELEASE_REWRITING) + " END, writer_event_id = NULL, "
                + "detail = ?, update_time = ? WHERE id = ? AND ((" + from(Event.RELEASE_WRITING) + " AND write_time IS NULL) "
                + "OR (" + from(Event.RELEASE_REWRITING) + " AND write_time IS NOT NULL)) AND writer_event_id = ?",
                Sql.cut(detail), now, caseId, eventId);
    }

    @Override
    public boolean markFailed(String caseId, String eventId, String detail, Instant now, List<AuditEntry> audit,
                              List<InboxEvent> notices) {
        // A re-scored result that fails leaves the earlier one written (and tells nobody: the result stands); only the
        // event holding the case fails it.
        return update(caseId, audit, notices, now, "UPDATE loop_case SET status = CASE WHEN " + from(Event.FAIL_REWRITING)
                        + " AND write_time IS NOT NULL THEN " + to(Event.FAIL_REWRITING) + " ELSE " + to(Event.FAIL) + " END, "
                        + "detail = ?, update_time = ? WHERE id = ? AND " + from(Event.FAIL) + " AND " + HOLDER + " = ?",
                Sql.cut(detail), now, caseId, eventId);
    }

    @Override
    public boolean markEnded(String caseId, Event ending, String detail, Instant now, List<AuditEntry> audit,
                             List<InboxEvent> notices) {
        if (!INVITATION_ENDINGS.contains(ending)) {
            throw new IllegalArgumentException(ending + " does not end an invitation");
        }
        return update(caseId, audit, notices, now, "UPDATE loop_case SET status = " + to(ending) + ", detail = ?, "
                + "update_time = ? WHERE id = ? AND " + from(ending), Sql.cut(detail), now, caseId);
    }

    @Override
    public List<LoopCase> invitedBefore(Instant cutoff, int limit) {
        return TransactionRetry.read(transactions, "read invitations that stood too long", connection -> {
            List<LoopCase> found = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + " FROM loop_case WHERE status = "
                    + sql(LoopCaseStatus.INVITED) + " AND invite_time < ? ORDER BY invite_time LIMIT " + limit)) {
                Sql.bind(select, Sql.micros(cutoff));
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        found.add(loopCase(rows));
                    }
                }
            }
            return found;
        });
    }

    @Override
    public List<WriteRecord> writeRecords(String caseId) {
        return TransactionRetry.read(transactions, "read write records", connection -> {
            List<WriteRecord> records = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT scope, field_key, value_text, note_id, "
                    + "write_time FROM write_record WHERE case_id = ? ORDER BY scope, field_key")) {
                Sql.bind(select, caseId);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        records.add(new WriteRecord(rows.getString(1), rows.getString(2), rows.getString(3),
                                rows.getString(4), Sql.requiredInstant(rows, "write_time")));
                    }
                }
            }
            return records;
        });
    }

    @Override
    public Map<LoopCaseStatus, Long> countByStatus(String tenantId) {
        return TransactionRetry.read(transactions, "count loop cases", connection -> {
            Map<LoopCaseStatus, Long> counts = new EnumMap<>(LoopCaseStatus.class);
            try (PreparedStatement count = connection.prepareStatement(
                    "SELECT status, COUNT(*) FROM loop_case WHERE tenant_id = ? GROUP BY status")) {
                Sql.bind(count, tenantId);
                try (ResultSet rows = count.executeQuery()) {
                    while (rows.next()) {
                        counts.put(LoopCaseStatus.valueOf(rows.getString(1)), rows.getLong(2));
                    }
                }
            }
            return counts;
        });
    }

    @Override
    public List<Duration> writeLatencies(String tenantId, int limit) {
        return TransactionRetry.read(transactions, "read write latencies", connection -> {
            List<Duration> latencies = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT trigger_receive_time, write_time FROM loop_case "
                    + "WHERE tenant_id = ? AND status = " + sql(LoopCaseStatus.WRITTEN) + " ORDER BY write_time DESC LIMIT ?")) {
                Sql.bind(select, tenantId, limit);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        latencies.add(Duration.between(Sql.requiredInstant(rows, "trigger_receive_time"), Sql.instant(rows, "write_time")));
                    }
                }
            }
            return latencies;
        });
    }

    /** The condition that the case is in a state the event accepts, from the transition table. */
    private static String from(Event event) {
        return "status IN (" + event.sources().stream().map(JdbcLoopStore::sql).collect(Collectors.joining(", ")) + ")";
    }

    /** The state the event sets, from the transition table, as an SQL literal. */
    private static String to(Event event) {
        return sql(event.target());
    }

    private static String sql(LoopCaseStatus status) {
        return "'" + status.name() + "'";
    }

    private boolean update(String caseId, List<AuditEntry> audit, Instant now, String sql, @Nullable Object... parameters) {
        return update(caseId, audit, List.of(), now, sql, parameters);
    }

    /**
     * A guarded update of one case with its audit records and, when the case ends up in a state a recruiter must be
     * told about (CONSENT_BLOCKED or FAILED), the notices that tell them, all in one transaction.
     */
    private boolean update(String caseId, List<AuditEntry> audit, List<InboxEvent> notices, Instant now, String sql,
                           @Nullable Object... parameters) {
        Object[] bound = parameters.clone();
        for (int i = 0; i < bound.length; i++) {
            if (bound[i] instanceof Instant instant) {
                bound[i] = Sql.micros(instant);
            }
        }
        return TransactionRetry.write(transactions, "update loop case " + caseId, connection -> {
            try (PreparedStatement update = connection.prepareStatement(sql)) {
                Sql.bind(update, bound);
                if (update.executeUpdate() != 1) {
                    return false;
                }
            }
            OutboxRows.insert(connection, json, audit, Sql.micros(now));
            if (!notices.isEmpty() && ENDINGS_TOLD.contains(status(connection, caseId))) {
                inbox.append(notices);
            }
            return true;
        });
    }

    private static LoopCaseStatus status(Connection connection, String caseId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT status FROM loop_case WHERE id = ?")) {
            Sql.bind(select, caseId);
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    throw new SQLException("loop case " + caseId + " vanished inside the transaction that updated it");
                }
                return LoopCaseStatus.valueOf(rows.getString(1));
            }
        }
    }

    private Optional<LoopCase> findOne(String sql, @Nullable Object... parameters) {
        return TransactionRetry.read(transactions, "read loop case", connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                Sql.bind(select, parameters);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? Optional.of(loopCase(rows)) : Optional.<LoopCase>empty();
                }
            }
        });
    }

    private static LoopCase loopCase(ResultSet rows) throws SQLException {
        return new LoopCase(rows.getString("id"), rows.getString("tenant_id"), rows.getString("ats_connection_id"),
                rows.getString("application_external_id"), rows.getString("candidate_external_id"),
                rows.getString("job_external_id"), rows.getString("trigger_stage_id"), rows.getString("candidate_id"),
                rows.getString("application_id"), rows.getString("ai_connection_id"), rows.getString("interview_id"),
                rows.getString("trace_id"), LoopCaseStatus.valueOf(rows.getString("status")),
                rows.getString("trigger_event_id"), rows.getString("writer_event_id"),
                Sql.requiredInstant(rows, "trigger_receive_time"), Sql.instant(rows, "invite_time"), Sql.instant(rows, "complete_time"),
                Sql.instant(rows, "write_time"), rows.getString("detail"), Sql.requiredInstant(rows, "create_time"),
                Sql.requiredInstant(rows, "update_time"));
    }
}
