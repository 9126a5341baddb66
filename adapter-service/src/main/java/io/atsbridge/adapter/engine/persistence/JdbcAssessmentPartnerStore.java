package io.atsbridge.adapter.engine.persistence;

import io.atsbridge.adapter.connections.domain.Vendor;
import io.atsbridge.adapter.engine.domain.AssessmentPartnerStore;
import io.atsbridge.adapter.engine.domain.AssessmentPartners;
import io.atsbridge.adapter.engine.domain.PartnerAssessment;
import io.atsbridge.adapter.persistence.Sql;
import io.atsbridge.adapter.persistence.TransactionRetry;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** The {@code assessment_partner} and {@code assessment_partner_assessment} tables (V9): one row per protocol each. */
@Singleton
final class JdbcAssessmentPartnerStore implements AssessmentPartnerStore {

    private static final String SETTINGS = "SELECT connection_id, protocol, tenant_id, partner_key_ciphertext, "
            + "api_key_ciphertext, base_url, tests FROM assessment_partner WHERE connection_id = ? AND tenant_id = ? "
            + "AND protocol = ?";
    private static final String INSERT_SETTINGS = "INSERT INTO assessment_partner (connection_id, protocol, tenant_id, "
            + "partner_key_ciphertext, api_key_ciphertext, base_url, tests, update_time) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String COLUMNS = "connection_id, assessment_id, protocol, tenant_id, test_id, application_id, "
            + "interview_id, completion_url, status, score, profile_url, metadata_json";
    private static final String SELECT = "SELECT " + COLUMNS + " FROM assessment_partner_assessment WHERE ";
    private static final String INSERT = "INSERT INTO assessment_partner_assessment (" + COLUMNS + ", active_key, "
            + "create_time, update_time) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'INVITED', NULL, NULL, NULL, ?, ?, ?)";
    private static final String ENDED = "SELECT COUNT(*) FROM assessment_partner_assessment WHERE connection_id = ? "
            + "AND tenant_id = ? AND protocol = ? AND application_id = ? AND test_id = ? AND active_key IS NULL";
    private static final String COMPLETE = "UPDATE assessment_partner_assessment SET status = 'COMPLETE', active_key = NULL, "
            + "score = ?, profile_url = ?, metadata_json = ?, update_time = ? WHERE connection_id = ? AND assessment_id = ? "
            + "AND status <> 'CANCELLED'";
    private static final String NOTIFIED = "UPDATE assessment_partner_assessment SET status = 'NOTIFIED', update_time = ? "
            + "WHERE connection_id = ? AND assessment_id = ? AND status <> 'CANCELLED'";
    /** Conditional, so that of two concurrent cancellations only the one that changed the row enqueues. */
    private static final String CANCEL = "UPDATE assessment_partner_assessment SET status = 'CANCELLED', active_key = NULL, "
            + "update_time = ? WHERE connection_id = ? AND assessment_id = ? AND status IN ('INVITED', 'COMPLETE')";

    private final TransactionOperations<Connection> transactions;
    private final JsonMapper json;
    private final Clock clock;

    JdbcAssessmentPartnerStore(TransactionOperations<Connection> transactions, JsonMapper json, Clock clock) {
        this.clock = clock;
        this.transactions = transactions;
        this.json = json;
    }

    @Override
    public void replace(Vendor protocol, List<Settings> settings) {
        Instant now = Sql.micros(clock.instant());
        TransactionRetry.change(transactions, "store the " + protocol + " assessment partner settings", c -> {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM assessment_partner WHERE protocol = ?")) {
                Sql.bind(delete, protocol.name());
                delete.executeUpdate();
            }
            try (PreparedStatement insert = c.prepareStatement(INSERT_SETTINGS)) {
                for (Settings s : settings) {
                    StringBuilder tests = new StringBuilder();
                    s.tests().forEach(t -> tests.append(t.id()).append('\t').append(t.name()).append('\n'));
                    insert.setString(1, s.connectionId());
                    insert.setString(2, protocol.name());
                    insert.setString(3, s.tenantId());
                    insert.setBytes(4, s.partnerKey());
                    insert.setBytes(5, s.callbackKey());
                    insert.setString(6, s.baseUrl());
                    insert.setString(7, tests.toString());
                    insert.setTimestamp(8, java.sql.Timestamp.from(now));
                    insert.executeUpdate();
                }
            }
        });
    }

    @Override
    public Optional<Settings> settings(String tenantId, String connectionId, Vendor protocol) {
        return TransactionRetry.read(transactions, "read assessment partner settings", c -> {
            try (PreparedStatement select = c.prepareStatement(SETTINGS)) {
                Sql.bind(select, connectionId, tenantId, protocol.name());
                try (ResultSet rows = select.executeQuery()) {
                    if (!rows.next()) {
                        return Optional.empty();
                    }
                    List<AssessmentPartners.Test> tests = new ArrayList<>();
                    for (String line : rows.getString(7).split("\n")) {
                        int tab = line.indexOf('\t');
                        if (tab > 0) {
                            tests.add(new AssessmentPartners.Test(line.substring(0, tab), line.substring(tab + 1)));
                        }
                    }
                    return Optional.of(new Settings(rows.getString(1), protocol, rows.getString(3), rows.getBytes(4),
                            rows.getBytes(5), rows.getString(6), tests));
                }
            }
        });
    }

    @Override
    public Recording record(PartnerAssessment a, @Nullable String activeKey, Instant now) {
        try {
            return TransactionRetry.write(transactions, "record a partner assessment", c -> {
                Optional<PartnerAssessment> same = findBy(c, "connection_id = ? AND interview_id = ?", a.connectionId(),
                        a.interviewId());
                if (same.isPresent()) {
                    return new Recording(Recorded.SAME_INTERVIEW, same.get());
                }
                if (activeKey != null) {
                    Optional<PartnerAssessment> active = findInProgress(c, a.connectionId(), a.protocol(), activeKey);
                    if (active.isPresent()) {
                        return new Recording(Recorded.OTHER_IN_PROGRESS, active.get());
                    }
                }
                try (PreparedStatement insert = c.prepareStatement(INSERT)) {
                    Sql.bind(insert, a.connectionId(), a.assessmentId(), a.protocol().name(), a.tenantId(), a.testId(),
                            a.applicationId(), a.interviewId(), a.completionUrl(), activeKey, now, now);
                    insert.executeUpdate();
                }
                return new Recording(Recorded.NEW, findBy(c, "connection_id = ? AND assessment_id = ?", a.connectionId(),
                        a.assessmentId()).orElseThrow());
            });
        } catch (DataAccessException e) {
            // A concurrent order of the same application and test (or interview) won a unique key.
            if (e.getCause() instanceof SQLIntegrityConstraintViolationException) {
                Optional<PartnerAssessment> same = findByInterview(a.connectionId(), a.interviewId());
                if (same.isPresent()) {
                    return new Recording(Recorded.SAME_INTERVIEW, same.get());
                }
                if (activeKey != null) {
                    return findInProgress(a.connectionId(), a.protocol(), activeKey)
                            .map(active -> new Recording(Recorded.OTHER_IN_PROGRESS, active)).orElseThrow(() -> e);
                }
            }
            throw e;
        }
    }

    @Override
    public Optional<PartnerAssessment> find(String connectionId, String assessmentId) {
        return TransactionRetry.read(transactions, "read a partner assessment", c -> findBy(c,
                "connection_id = ? AND assessment_id = ?", connectionId, assessmentId));
    }

    @Override
    public Optional<PartnerAssessment> findByInterview(String connectionId, String interviewId) {
        return TransactionRetry.read(transactions, "read a partner assessment", c -> findBy(c,
                "connection_id = ? AND interview_id = ?", connectionId, interviewId));
    }

    @Override
    public Optional<PartnerAssessment> findInProgress(String connectionId, Vendor protocol, String activeKey) {
        return TransactionRetry.read(transactions, "read a partner assessment", c -> findInProgress(c, connectionId, protocol,
                activeKey));
    }

    @Override
    public int countEnded(String tenantId, String connectionId, Vendor protocol, String applicationId, String testId) {
        return TransactionRetry.read(transactions, "count partner assessments", c -> {
            try (PreparedStatement select = c.prepareStatement(ENDED)) {
                Sql.bind(select, connectionId, tenantId, protocol.name(), applicationId, testId);
                try (ResultSet rows = select.executeQuery()) {
                    rows.next();
                    return rows.getInt(1);
                }
            }
        });
    }

    @Override
    public boolean complete(String connectionId, String assessmentId, double score, @Nullable String profileUrl,
                            Map<String, String> metadata, Instant now) {
        String meta;
        try {
            meta = json.writeValueAsString(new LinkedHashMap<>(metadata));
        } catch (IOException e) {
            throw new IllegalStateException("cannot write assessment metadata", e);
        }
        return TransactionRetry.write(transactions, "store a partner assessment result", c -> {
            try (PreparedStatement update = c.prepareStatement(COMPLETE)) {
                Sql.bind(update, score, profileUrl, meta, now, connectionId, assessmentId);
                return update.executeUpdate() == 1;
            }
        });
    }

    @Override
    public void notified(String connectionId, String assessmentId, Instant now) {
        TransactionRetry.change(transactions, "mark a partner assessment notified", c -> {
            try (PreparedStatement update = c.prepareStatement(NOTIFIED)) {
                Sql.bind(update, now, connectionId, assessmentId);
                update.executeUpdate();
            }
        });
    }

    @Override
    public Optional<PartnerAssessment> cancel(String connectionId, String assessmentId, Instant now,
                                              Consumer<PartnerAssessment> whenCancelled) {
        return TransactionRetry.write(transactions, "cancel a partner assessment", c -> {
            Optional<PartnerAssessment> before = findBy(c, "connection_id = ? AND assessment_id = ?", connectionId, assessmentId);
            if (before.isEmpty()) {
                return Optional.empty();
            }
            try (PreparedStatement update = c.prepareStatement(CANCEL)) {
                Sql.bind(update, now, connectionId, assessmentId);
                if (update.executeUpdate() == 1) {
                    whenCancelled.accept(before.get());
                }
            }
            return findBy(c, "connection_id = ? AND assessment_id = ?", connectionId, assessmentId);
        });
    }

    private Optional<PartnerAssessment> findInProgress(Connection c, String connectionId, Vendor protocol, String activeKey)
            throws SQLException {
        return findBy(c, "connection_id = ? AND protocol = ? AND active_key = ?", connectionId, protocol.name(), activeKey);
    }

    private Optional<PartnerAssessment> findBy(Connection c, String where, @Nullable Object... parameters) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(SELECT + where)) {
            Sql.bind(select, parameters);
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                double score = rows.getDouble("score");
                Double boxed = rows.wasNull() ? null : score;
                Map<String, String> metadata = new LinkedHashMap<>();
                String meta = rows.getString("metadata_json");
                if (meta != null) {
                    try {
                        Map<?, ?> parsed = json.readValue(meta, Map.class);
                        parsed.forEach((k, v) -> metadata.put(String.valueOf(k), String.valueOf(v)));
                    } catch (IOException e) {
                        throw new SQLException("unreadable metadata_json of partner assessment "
                                + rows.getString("assessment_id"), e);
                    }
                }
                return Optional.of(new PartnerAssessment(rows.getString("connection_id"), rows.getString("assessment_id"),
                        Vendor.valueOf(rows.getString("protocol")), rows.getString("tenant_id"), rows.getString("test_id"),
                        rows.getString("application_id"), rows.getString("interview_id"), rows.getString("completion_url"),
                        PartnerAssessment.Status.valueOf(rows.getString("status")), boxed, rows.getString("profile_url"),
                        metadata));
            }
        }
    }
}
