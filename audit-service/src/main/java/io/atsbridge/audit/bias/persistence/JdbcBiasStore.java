package io.atsbridge.audit.bias.persistence;

import io.atsbridge.audit.bias.domain.AggregateUpload;
import io.atsbridge.audit.bias.domain.Assessment;
import io.atsbridge.audit.bias.domain.BiasReport;
import io.atsbridge.audit.bias.domain.BiasStore;
import io.atsbridge.audit.bias.domain.Demographics;
import io.atsbridge.audit.bias.domain.Outcome;
import io.atsbridge.audit.bias.domain.RaceEthnicity;
import io.atsbridge.audit.bias.domain.RateKind;
import io.atsbridge.audit.bias.domain.RecordedAudit;
import io.atsbridge.audit.bias.domain.ReportSpec;
import io.atsbridge.audit.bias.domain.Sex;
import io.atsbridge.audit.bias.domain.Tool;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The bias tables of V4__bias.sql. Times are stored as UTC DATETIME(6), as the audit tables store them. Plain JDBC:
 * the statements are few and the merge of outcomes reads clearer as SQL than as repository methods.
 */
@Singleton
final class JdbcBiasStore implements BiasStore {

    private final TransactionOperations<Connection> transactions;
    private final JdbcOperations jdbc;

    JdbcBiasStore(TransactionOperations<Connection> transactions, JdbcOperations jdbc) {
        this.transactions = transactions;
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Demographics> demographics(String tenantId, String candidateId) {
        return transactions.executeRead(status -> jdbc.prepareStatement(
                "SELECT sex, race_ethnicity, declined FROM bias_demographic WHERE tenant_id = ? AND candidate_id = ?",
                select -> {
                    select.setString(1, tenantId);
                    select.setString(2, candidateId);
                    try (ResultSet rows = select.executeQuery()) {
                        if (!rows.next()) {
                            return Optional.empty();
                        }
                        return Optional.of(new Demographics(sex(rows.getString(1)), race(rows.getString(2)),
                                rows.getBoolean(3)));
                    }
                }));
    }

    @Override
    public boolean putDemographics(String tenantId, String candidateId, Demographics demographics, Instant now) {
        return transactions.executeWrite(status -> {
            int updated = jdbc.prepareStatement("UPDATE bias_demographic SET sex = ?, race_ethnicity = ?, declined = ?, "
                    + "update_time = ? WHERE tenant_id = ? AND candidate_id = ?", update -> {
                        setDemographics(update, 1, demographics);
                        update.setTimestamp(4, timestamp(now));
                        update.setString(5, tenantId);
                        update.setString(6, candidateId);
                        return update.executeUpdate();
                    });
            if (updated == 0) {
                jdbc.prepareStatement("INSERT INTO bias_demographic (tenant_id, candidate_id, sex, race_ethnicity, declined, "
                        + "update_time) VALUES (?, ?, ?, ?, ?, ?)", insert -> {
                            insert.setString(1, tenantId);
                            insert.setString(2, candidateId);
                            setDemographics(insert, 3, demographics);
                            insert.setTimestamp(6, timestamp(now));
                            return insert.executeUpdate();
                        });
            }
            return updated > 0;
        });
    }

    @Override
    public Erasure erase(String tenantId, String candidateId) {
        return transactions.executeWrite(status -> {
            int demographics = delete("DELETE FROM bias_demographic WHERE tenant_id = ? AND candidate_id = ?", tenantId,
                    candidateId);
            int outcomes = delete("DELETE FROM bias_outcome WHERE tenant_id = ? AND candidate_id = ?", tenantId, candidateId);
            return new Erasure(demographics > 0, outcomes);
        });
    }

    private int delete(String sql, String tenantId, String candidateId) {
        return jdbc.prepareStatement(sql, delete -> {
            delete.setString(1, tenantId);
            delete.setString(2, candidateId);
            return delete.executeUpdate();
        });
    }

    @Override
    public boolean putOutcome(String tenantId, Outcome outcome, Instant now) {
        return transactions.executeWrite(status -> {
            // COALESCE keeps what a call does not carry; OR makes advanced and selected only ever turn true.
            int updated = jdbc.prepareStatement("UPDATE bias_outcome SET "
                    + "model = CASE WHEN ? = '' THEN model ELSE ? END, "
                    + "model_version = CASE WHEN ? = '' THEN model_version ELSE ? END, "
                    + "job_category = CASE WHEN ? = '' THEN job_category ELSE ? END, "
                    + "score = COALESCE(?, score), "
                    + "recommendation = CASE WHEN ? = '' THEN recommendation ELSE ? END, "
                    + "advanced = (advanced OR ?), selected = (selected OR ?), "
                    + "assess_time = COALESCE(?, assess_time), update_time = ? "
                    + "WHERE tenant_id = ? AND connection_id = ? AND requisition_id = ? AND candidate_id = ?", update -> {
                        int i = 1;
                        for (String value : List.of(outcome.tool().model(), outcome.tool().modelVersion(),
                                outcome.jobCategory())) {
                            update.setString(i++, value);
                            update.setString(i++, value);
                        }
                        update.setBigDecimal(i++, outcome.score());
                        update.setString(i++, outcome.recommendation());
                        update.setString(i++, outcome.recommendation());
                        update.setBoolean(i++, outcome.advanced());
                        update.setBoolean(i++, outcome.selected());
                        Instant assessTime = outcome.assessTime();
                        if (assessTime == null) {
                            update.setNull(i++, Types.TIMESTAMP);
                        } else {
                            update.setTimestamp(i++, timestamp(assessTime));
                        }
                        update.setTimestamp(i++, timestamp(now));
                        update.setString(i++, tenantId);
                        update.setString(i++, outcome.tool().connectionId());
                        update.setString(i++, outcome.requisitionId());
                        update.setString(i, outcome.candidateId());
                        return update.executeUpdate();
                    });
            if (updated > 0) {
                return true;
            }
            jdbc.prepareStatement("INSERT INTO bias_outcome (tenant_id, connection_id, requisition_id, candidate_id, model, "
                    + "model_version, job_category, score, recommendation, advanced, selected, assess_time, update_time) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", insert -> {
                        insert.setString(1, tenantId);
                        insert.setString(2, outcome.tool().connectionId());
                        insert.setString(3, outcome.requisitionId());
                        insert.setString(4, outcome.candidateId());
                        insert.setString(5, outcome.tool().model());
                        insert.setString(6, outcome.tool().modelVersion());
                        insert.setString(7, outcome.jobCategory());
                        insert.setBigDecimal(8, outcome.score());
                        insert.setString(9, outcome.recommendation());
                        insert.setBoolean(10, outcome.advanced());
                        insert.setBoolean(11, outcome.selected());
                        insert.setTimestamp(12, timestamp(Objects.requireNonNull(outcome.assessTime(),
                                "the domain checks that a first outcome has an assess time")));
                        insert.setTimestamp(13, timestamp(now));
                        return insert.executeUpdate();
                    });
            return false;
        });
    }

    @Override
    public boolean hasOutcome(String tenantId, String connectionId, String requisitionId, String candidateId) {
        return transactions.executeRead(status -> jdbc.prepareStatement("SELECT 1 FROM bias_outcome WHERE tenant_id = ? "
                + "AND connection_id = ? AND requisition_id = ? AND candidate_id = ?", select -> {
                    select.setString(1, tenantId);
                    select.setString(2, connectionId);
                    select.setString(3, requisitionId);
                    select.setString(4, candidateId);
                    try (ResultSet rows = select.executeQuery()) {
                        return rows.next();
                    }
                }));
    }

    @Override
    public List<Assessment> assessments(String tenantId, ReportSpec spec, int limit) {
        StringBuilder sql = new StringBuilder("SELECT d.sex, d.race_ethnicity, o.advanced, o.selected, o.score "
                + "FROM bias_outcome o LEFT JOIN bias_demographic d "
                + "ON d.tenant_id = o.tenant_id AND d.candidate_id = o.candidate_id "
                + "WHERE o.tenant_id = ? AND o.connection_id = ? AND o.assess_time >= ? AND o.assess_time < ?");
        List<String> filters = new ArrayList<>();
        if (!spec.tool().model().isEmpty()) {
            sql.append(" AND o.model = ?");
            filters.add(spec.tool().model());
        }
        if (!spec.tool().modelVersion().isEmpty()) {
            sql.append(" AND o.model_version = ?");
            filters.add(spec.tool().modelVersion());
        }
        if (!spec.jobCategory().isEmpty()) {
            sql.append(" AND o.job_category = ?");
            filters.add(spec.jobCategory());
        }
        sql.append(" LIMIT ?");
        return transactions.executeRead(status -> jdbc.prepareStatement(sql.toString(), select -> {
            select.setString(1, tenantId);
            select.setString(2, spec.tool().connectionId());
            select.setTimestamp(3, timestamp(Objects.requireNonNull(spec.start(), "start")));
            select.setTimestamp(4, timestamp(Objects.requireNonNull(spec.end(), "end")));
            int i = 5;
            for (String filter : filters) {
                select.setString(i++, filter);
            }
            select.setInt(i, limit);
            List<Assessment> assessments = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    // A declined self-identification is stored with both categories NULL: unknown.
                    assessments.add(new Assessment(sex(rows.getString(1)), race(rows.getString(2)),
                            rows.getBoolean(3) || rows.getBoolean(4), rows.getBigDecimal(5)));
                }
            }
            return assessments;
        }));
    }

    @Override
    public Optional<StoredUpload> upload(String tenantId, String uploadId) {
        return transactions.executeRead(status -> jdbc.prepareStatement("SELECT connection_id, model, model_version, "
                + "job_category, rate_kind, period_start, period_end, data_source, csv, sha256 FROM bias_aggregate_upload "
                + "WHERE tenant_id = ? AND upload_id = ?", select -> {
                    select.setString(1, tenantId);
                    select.setString(2, uploadId);
                    try (ResultSet rows = select.executeQuery()) {
                        if (!rows.next()) {
                            return Optional.empty();
                        }
                        AggregateUpload upload = new AggregateUpload(uploadId,
                                new Tool(rows.getString(1), rows.getString(2), rows.getString(3)), rows.getString(4),
                                RateKind.valueOf(rows.getString(5)), rows.getDate(6).toLocalDate(),
                                rows.getDate(7).toLocalDate(), rows.getString(8), rows.getString(9));
                        return Optional.of(new StoredUpload(upload, rows.getBytes(10)));
                    }
                }));
    }

    @Override
    public void putUpload(String tenantId, AggregateUpload upload, byte[] sha256, Instant now) {
        transactions.executeWrite(status -> jdbc.prepareStatement("INSERT INTO bias_aggregate_upload (tenant_id, upload_id, "
                + "connection_id, model, model_version, job_category, rate_kind, period_start, period_end, data_source, csv, "
                + "sha256, upload_time) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", insert -> {
                    insert.setString(1, tenantId);
                    insert.setString(2, upload.uploadId());
                    insert.setString(3, upload.tool().connectionId());
                    insert.setString(4, upload.tool().model());
                    insert.setString(5, upload.tool().modelVersion());
                    insert.setString(6, upload.jobCategory());
                    insert.setString(7, upload.kind().name());
                    insert.setDate(8, Date.valueOf(upload.periodStart()));
                    insert.setDate(9, Date.valueOf(upload.periodEnd()));
                    insert.setString(10, upload.dataSource());
                    insert.setString(11, upload.csv());
                    insert.setBytes(12, sha256);
                    insert.setTimestamp(13, timestamp(now));
                    return insert.executeUpdate();
                }));
    }

    @Override
    public void putReport(String tenantId, BiasReport report, String json, byte[] sha256) {
        transactions.executeWrite(status -> jdbc.prepareStatement("INSERT INTO bias_report (tenant_id, report_id, "
                + "connection_id, report_json, sha256, generate_time) VALUES (?, ?, ?, ?, ?, ?)", insert -> {
                    insert.setString(1, tenantId);
                    insert.setString(2, report.reportId());
                    insert.setString(3, report.tool().connectionId());
                    insert.setString(4, json);
                    insert.setBytes(5, sha256);
                    insert.setTimestamp(6, timestamp(report.generateTime()));
                    return insert.executeUpdate();
                }));
    }

    @Override
    public Optional<String> reportJson(String tenantId, String reportId) {
        return transactions.executeRead(status -> jdbc.prepareStatement(
                "SELECT report_json FROM bias_report WHERE tenant_id = ? AND report_id = ?", select -> {
                    select.setString(1, tenantId);
                    select.setString(2, reportId);
                    try (ResultSet rows = select.executeQuery()) {
                        return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
                    }
                }));
    }

    @Override
    public Optional<RecordedAudit> audit(String tenantId, String auditId) {
        return findAudit("tenant_id = ? AND audit_id = ?", tenantId, auditId);
    }

    @Override
    public Optional<RecordedAudit> latestAudit(String tenantId, String connectionId) {
        return findAudit("tenant_id = ? AND connection_id = ? ORDER BY audit_date DESC, record_time DESC", tenantId,
                connectionId);
    }

    private Optional<RecordedAudit> findAudit(String where, String tenantId, String key) {
        return transactions.executeRead(status -> jdbc.prepareStatement("SELECT audit_id, connection_id, model, "
                + "model_version, audit_date, summary_url, distribution_date, report_id, record_time FROM bias_audit WHERE "
                + where + " LIMIT 1", select -> {
                    select.setString(1, tenantId);
                    select.setString(2, key);
                    try (ResultSet rows = select.executeQuery()) {
                        if (!rows.next()) {
                            return Optional.empty();
                        }
                        return Optional.of(new RecordedAudit(rows.getString(1),
                                new Tool(rows.getString(2), rows.getString(3), rows.getString(4)),
                                rows.getDate(5).toLocalDate(), rows.getString(6), rows.getDate(7).toLocalDate(),
                                rows.getString(8), instant(rows.getTimestamp(9))));
                    }
                }));
    }

    @Override
    public void putAudit(String tenantId, RecordedAudit audit) {
        transactions.executeWrite(status -> jdbc.prepareStatement("INSERT INTO bias_audit (tenant_id, audit_id, "
                + "connection_id, model, model_version, audit_date, summary_url, distribution_date, report_id, record_time) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", insert -> {
                    insert.setString(1, tenantId);
                    insert.setString(2, audit.auditId());
                    insert.setString(3, audit.tool().connectionId());
                    insert.setString(4, audit.tool().model());
                    insert.setString(5, audit.tool().modelVersion());
                    insert.setDate(6, Date.valueOf(audit.auditDate()));
                    insert.setString(7, audit.summaryUrl());
                    insert.setDate(8, Date.valueOf(audit.distributionDate()));
                    insert.setString(9, audit.reportId());
                    insert.setTimestamp(10, timestamp(Objects.requireNonNull(audit.recordTime(), "recordTime")));
                    return insert.executeUpdate();
                }));
    }

    private static void setDemographics(java.sql.PreparedStatement statement, int from, Demographics demographics)
            throws SQLException {
        Sex sex = demographics.sex();
        RaceEthnicity race = demographics.race();
        statement.setString(from, sex == null ? null : sex.name());
        statement.setString(from + 1, race == null ? null : race.name());
        statement.setBoolean(from + 2, demographics.declined());
    }

    private static @Nullable Sex sex(@Nullable String value) {
        return value == null ? null : Sex.valueOf(value);
    }

    private static @Nullable RaceEthnicity race(@Nullable String value) {
        return value == null ? null : RaceEthnicity.valueOf(value);
    }

    /** UTC wall time, as the audit tables keep it (the connection's time zone plays no part). */
    private static Timestamp timestamp(Instant instant) {
        return Timestamp.valueOf(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp.toLocalDateTime().toInstant(ZoneOffset.UTC);
    }
}
