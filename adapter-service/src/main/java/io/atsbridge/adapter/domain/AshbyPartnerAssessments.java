package io.atsbridge.adapter.domain;

import io.atsbridge.platform.error.DomainException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The Ashby assessment-partner side of AI_VENDOR connections (developers.ashbyhq.com "Creating an Assessments
 * Integration"): the key Ashby presents (only ever compared in constant time), the customer's Ashby API key
 * for {@code assessment.update} (both sealed with the {@link SecretCipher}), the assessment types offered, and
 * one {@code ashby_partner_assessment} row per {@code assessment.start}. At most one assessment of an
 * application and assessment type is in progress at a time (Ashby's documented 409). Every lookup is by
 * tenant and connection: there is no lookup by key.
 */
@Singleton
public final class AshbyPartnerAssessments {

    /** Ashby's API when the connection names none. */
    public static final String DEFAULT_BASE_URL = "https://api.ashbyhq.com";

    /** One assessment type offered: an AI vendor interview kit. */
    public record AssessmentType(String id, String name) {
    }

    /** A connection's Ashby partner settings as configuration declares them. toString never prints a key. */
    public record Declaration(String connectionId, String tenantId, String partnerKey, String apiKey, String baseUrl,
                              List<AssessmentType> types) {
        @Override
        public String toString() {
            return "AshbyPartnerDeclaration[" + connectionId + ", tenant " + tenantId + ", " + baseUrl + ", " + types.size()
                    + " assessment type(s)]";
        }
    }

    /** Where an assessment stands. */
    public enum Status {
        /** The interview was created; no result yet. The assessment is in progress. */
        INVITED,
        /** The result is stored; Ashby is still to be told. */
        COMPLETE,
        /** The result is stored and Ashby took the assessment.update. */
        NOTIFIED,
        /**
         * Ashby cancelled the assessment; no result is pushed. Unless it was reported already, its interview is
         * cancelled at the AI vendor by the inbox worker.
         */
        CANCELLED
    }

    /** One assessment; the result fields are null until complete. */
    public record Assessment(String connectionId, String assessmentId, String tenantId, String assessmentTypeId,
                             String applicationId, String interviewId, Status status, @Nullable Double score,
                             @Nullable String profileUrl, Map<String, String> metadata) {
        @Override
        public String toString() {
            return "AshbyAssessment[" + connectionId + "/" + assessmentId + ", interview " + interviewId + ", " + status + "]";
        }
    }

    /** Where to call Ashby for a connection, with the decrypted API key. toString never prints the key. */
    public record AshbyApi(String baseUrl, String apiKey) {
        @Override
        public String toString() {
            return "AshbyApi[" + baseUrl + "]";
        }
    }

    /**
     * What recording a start did.
     *
     * @param assessment the recorded assessment, or (when {@code conflict}) the one already in progress
     * @param conflict   whether another assessment of the application and type is in progress, so nothing was stored
     */
    public record Started(Assessment assessment, boolean conflict) {
    }

    private static final String COLUMNS = "connection_id, assessment_id, tenant_id, assessment_type_id, application_id, "
            + "interview_id, status, score, profile_url, metadata_json";

    private final TransactionOperations<java.sql.Connection> transactions;
    private final SecretCipher cipher;
    private final JsonMapper json;
    private final Inbox inbox;

    AshbyPartnerAssessments(TransactionOperations<java.sql.Connection> transactions, SecretCipher cipher, JsonMapper json,
                            Inbox inbox) {
        this.transactions = transactions;
        this.cipher = cipher;
        this.json = json;
        this.inbox = inbox;
    }

    /** Stores the declared settings, replacing those of connections no longer declaring any. */
    public void declare(List<Declaration> declarations) {
        write("store Ashby partner settings", c -> {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM ashby_partner_connection")) {
                delete.executeUpdate();
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO ashby_partner_connection (connection_id, tenant_id, "
                    + "partner_key_ciphertext, api_key_ciphertext, base_url, tests, update_time) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                for (Declaration d : declarations) {
                    StringBuilder types = new StringBuilder();
                    d.types().forEach(t -> types.append(t.id()).append('\t').append(t.name()).append('\n'));
                    insert.setString(1, d.connectionId());
                    insert.setString(2, d.tenantId());
                    insert.setBytes(3, cipher.seal(partnerKeyOwner(d.connectionId()), SecretCipher.Purpose.PARTNER_KEY,
                            d.partnerKey().getBytes(StandardCharsets.UTF_8)));
                    insert.setBytes(4, cipher.seal(apiKeyOwner(d.connectionId()), SecretCipher.Purpose.CREDENTIALS,
                            d.apiKey().getBytes(StandardCharsets.UTF_8)));
                    insert.setString(5, d.baseUrl());
                    insert.setString(6, types.toString());
                    insert.setTimestamp(7, Timestamp.from(now()));
                    insert.executeUpdate();
                }
            }
            return null;
        });
    }

    /** Whether the connection offers the Ashby partner API in the tenant. */
    public boolean isPartner(String tenantId, String connectionId) {
        return findSettings(tenantId, connectionId).isPresent();
    }

    /**
     * Whether the presented key is the connection's Ashby partner key, compared in constant time (over
     * SHA-256 digests, so the lengths do not leak either).
     *
     * @throws DomainException NOT_FOUND when the tenant has no such Ashby partner connection
     */
    public boolean verifyKey(String tenantId, String connectionId, String presented) {
        String expected = open(connectionId, partnerKeyOwner(connectionId), SecretCipher.Purpose.PARTNER_KEY,
                settings(tenantId, connectionId).partnerKey(), "Ashby partner key");
        return MessageDigest.isEqual(sha256(expected.getBytes(StandardCharsets.UTF_8)),
                sha256(presented.getBytes(StandardCharsets.UTF_8)));
    }

    /** Ashby's base URL and the customer's API key, decrypted: for assessment.update only. */
    public AshbyApi api(String tenantId, String connectionId) {
        Settings settings = settings(tenantId, connectionId);
        return new AshbyApi(settings.baseUrl(), open(connectionId, apiKeyOwner(connectionId), SecretCipher.Purpose.CREDENTIALS,
                settings.apiKey(), "Ashby API key"));
    }

    /** The assessment types the connection offers, in configuration order. */
    public List<AssessmentType> types(String tenantId, String connectionId) {
        List<AssessmentType> types = new ArrayList<>();
        for (String line : settings(tenantId, connectionId).types().split("\n")) {
            int tab = line.indexOf('\t');
            if (tab > 0) {
                types.add(new AssessmentType(line.substring(0, tab), line.substring(tab + 1)));
            }
        }
        return types;
    }

    /** The assessment of this application and type that is in progress, if any. */
    public Optional<Assessment> inProgress(String tenantId, String connectionId, String applicationId, String typeId) {
        return read("read an Ashby assessment", c -> findBy(c, "connection_id = ? AND active_key = ?", connectionId,
                activeKey(applicationId, typeId))).filter(a -> a.tenantId().equals(tenantId));
    }

    /**
     * How many assessments of this application and type ended (completed or cancelled): the generation of the
     * next one, which keys the AI vendor's idempotency so that a start retried after a failure finds the same
     * interview while a new assessment after an ended one gets a new interview.
     */
    public int ended(String tenantId, String connectionId, String applicationId, String typeId) {
        return read("count Ashby assessments", c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT COUNT(*) FROM ashby_partner_assessment WHERE "
                    + "connection_id = ? AND tenant_id = ? AND application_id = ? AND assessment_type_id = ? AND active_key IS NULL")) {
                select.setString(1, connectionId);
                select.setString(2, tenantId);
                select.setString(3, applicationId);
                select.setString(4, typeId);
                try (ResultSet rows = select.executeQuery()) {
                    rows.next();
                    return rows.getInt(1);
                }
            }
        });
    }

    /**
     * Records a started assessment (status INVITED). When the interview is already recorded (the AI vendor
     * answered a retried start with the same interview) that assessment is returned; when another assessment
     * of the application and type is in progress, the answer says so and nothing is stored.
     *
     * @return the assessment, or the one in progress
     */
    public Started recordStarted(String tenantId, String connectionId, String typeId, String applicationId, String interviewId) {
        try {
            return write("record an Ashby assessment", c -> {
                Optional<Assessment> same = findBy(c, "connection_id = ? AND interview_id = ?", connectionId, interviewId);
                if (same.isPresent()) {
                    return new Started(same.get(), same.get().status() != Status.INVITED);
                }
                Optional<Assessment> active = findBy(c, "connection_id = ? AND active_key = ?", connectionId,
                        activeKey(applicationId, typeId));
                if (active.isPresent()) {
                    return new Started(active.get(), true);
                }
                String id = UUID.randomUUID().toString();
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO ashby_partner_assessment (" + COLUMNS
                        + ", active_key, create_time, update_time) VALUES (?, ?, ?, ?, ?, ?, 'INVITED', NULL, NULL, NULL, ?, ?, ?)")) {
                    Timestamp now = Timestamp.from(now());
                    insert.setString(1, connectionId);
                    insert.setString(2, id);
                    insert.setString(3, tenantId);
                    insert.setString(4, typeId);
                    insert.setString(5, applicationId);
                    insert.setString(6, interviewId);
                    insert.setString(7, activeKey(applicationId, typeId));
                    insert.setTimestamp(8, now);
                    insert.setTimestamp(9, now);
                    insert.executeUpdate();
                }
                return new Started(findBy(c, "connection_id = ? AND assessment_id = ?", connectionId, id).orElseThrow(), false);
            });
        } catch (DataAccessException e) {
            // A concurrent start of the same application and type won the unique key.
            if (e.getCause() instanceof SQLIntegrityConstraintViolationException) {
                return inProgress(tenantId, connectionId, applicationId, typeId).map(a -> new Started(a, true)).orElseThrow(() -> e);
            }
            throw e;
        }
    }

    /** The tenant's assessment of the connection by Ashby's assessment id, if any. */
    public Optional<Assessment> find(String tenantId, String connectionId, String assessmentId) {
        return read("read an Ashby assessment", c -> findBy(c, "connection_id = ? AND assessment_id = ?", connectionId,
                assessmentId)).filter(a -> a.tenantId().equals(tenantId));
    }

    /** The tenant's assessment of the connection by the AI vendor's interview id, if any. */
    public Optional<Assessment> findByInterview(String tenantId, String connectionId, String interviewId) {
        return read("read an Ashby assessment", c -> findBy(c, "connection_id = ? AND interview_id = ?", connectionId,
                interviewId)).filter(a -> a.tenantId().equals(tenantId));
    }

    /**
     * Records Ashby's cancellation: an assessment in progress or with a result not yet pushed becomes
     * CANCELLED (and no longer in progress), and in the same transaction the cancellation of its interview at
     * the AI vendor is put into the inbox ({@link AshbyInterviewCancellation}), so that it reaches the vendor
     * even if this process stops right after; the vendor is not called here. A cancelled or already notified
     * assessment stays as it is and nothing more is enqueued.
     *
     * @param ai the tenant's AI_VENDOR connection the assessment belongs to
     * @return the assessment after the change
     * @throws DomainException NOT_FOUND when the connection has no such assessment in its tenant
     */
    public Assessment cancel(Connection ai, String assessmentId) {
        return write("cancel an Ashby assessment", c -> {
            Assessment a = findBy(c, "connection_id = ? AND assessment_id = ?", ai.id(), assessmentId)
                    .filter(found -> found.tenantId().equals(ai.tenantId()))
                    .orElseThrow(() -> DomainException.notFound("ASSESSMENT_NOT_FOUND", "connection %s has no assessment '%s'",
                            ai.id(), assessmentId));
            if (a.status() != Status.INVITED && a.status() != Status.COMPLETE) {
                return a;
            }
            Instant now = now();
            // Conditional, so that of two concurrent cancellations only the one that changed the row enqueues.
            try (PreparedStatement update = c.prepareStatement("UPDATE ashby_partner_assessment SET status = 'CANCELLED', "
                    + "active_key = NULL, update_time = ? WHERE connection_id = ? AND assessment_id = ? "
                    + "AND status IN ('INVITED', 'COMPLETE')")) {
                update.setTimestamp(1, Timestamp.from(now));
                update.setString(2, ai.id());
                update.setString(3, assessmentId);
                if (update.executeUpdate() == 1) {
                    inbox.append(List.of(new AshbyInterviewCancellation(assessmentId, a.interviewId()).event(ai, now)));
                }
            }
            return findBy(c, "connection_id = ? AND assessment_id = ?", ai.id(), assessmentId).orElseThrow();
        });
    }

    /**
     * Stores the result (status COMPLETE, no longer in progress) unless Ashby cancelled the assessment in the
     * meantime.
     *
     * @return whether the result was stored (false: the assessment is CANCELLED)
     */
    public boolean complete(String connectionId, String assessmentId, double score, @Nullable String profileUrl,
                            Map<String, String> metadata) {
        String meta;
        try {
            meta = json.writeValueAsString(new LinkedHashMap<>(metadata));
        } catch (IOException e) {
            throw new IllegalStateException("cannot write assessment metadata", e);
        }
        return write("store an Ashby assessment result", c -> {
            try (PreparedStatement update = c.prepareStatement("UPDATE ashby_partner_assessment SET status = 'COMPLETE', "
                    + "active_key = NULL, score = ?, profile_url = ?, metadata_json = ?, update_time = ? "
                    + "WHERE connection_id = ? AND assessment_id = ? AND status <> 'CANCELLED'")) {
                update.setDouble(1, score);
                update.setString(2, profileUrl);
                update.setString(3, meta);
                update.setTimestamp(4, Timestamp.from(now()));
                update.setString(5, connectionId);
                update.setString(6, assessmentId);
                return update.executeUpdate() == 1;
            }
        });
    }

    /** Marks the assessment.update as taken by Ashby (unless cancelled in the meantime). */
    public void notified(String connectionId, String assessmentId) {
        write("mark an Ashby assessment notified", c -> {
            try (PreparedStatement update = c.prepareStatement("UPDATE ashby_partner_assessment SET status = 'NOTIFIED', "
                    + "update_time = ? WHERE connection_id = ? AND assessment_id = ? AND status <> 'CANCELLED'")) {
                update.setTimestamp(1, Timestamp.from(now()));
                update.setString(2, connectionId);
                update.setString(3, assessmentId);
                update.executeUpdate();
            }
            return null;
        });
    }

    // ---- plumbing ----

    private record Settings(byte[] partnerKey, byte[] apiKey, String baseUrl, String types) {
    }

    private Settings settings(String tenantId, String connectionId) {
        return findSettings(tenantId, connectionId).orElseThrow(() -> DomainException.notFound(
                "ASHBY_PARTNER_CONNECTION_NOT_FOUND", "connection %s offers no Ashby assessment partner API in this tenant",
                connectionId));
    }

    private Optional<Settings> findSettings(String tenantId, String connectionId) {
        return read("read Ashby partner settings", c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT partner_key_ciphertext, api_key_ciphertext, base_url, "
                    + "tests FROM ashby_partner_connection WHERE connection_id = ? AND tenant_id = ?")) {
                select.setString(1, connectionId);
                select.setString(2, tenantId);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? Optional.of(new Settings(rows.getBytes(1), rows.getBytes(2), rows.getString(3),
                            rows.getString(4))) : Optional.empty();
                }
            }
        });
    }

    private String open(String connectionId, String owner, SecretCipher.Purpose purpose, byte[] sealed, String what) {
        try {
            return new String(cipher.open(owner, purpose, sealed), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the " + what + " of connection " + connectionId + " does not decrypt with the "
                    + "configured master key");
        }
    }

    /**
     * The cipher's owner names of the two keys. Connection ids have no ':', so neither can be the owner name
     * of a connection's own secrets, of the other key, or of another connection's.
     */
    private static String partnerKeyOwner(String connectionId) {
        return "ashby-partner:" + connectionId;
    }

    private static String apiKeyOwner(String connectionId) {
        return "ashby-api:" + connectionId;
    }

    private static String activeKey(String applicationId, String typeId) {
        return HexFormat.of().formatHex(sha256((applicationId + "\n" + typeId).getBytes(StandardCharsets.UTF_8)));
    }

    private Optional<Assessment> findBy(java.sql.Connection c, String where, String first, String second) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS + " FROM ashby_partner_assessment WHERE " + where)) {
            select.setString(1, first);
            select.setString(2, second);
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                double score = rows.getDouble(8);
                Double boxed = rows.wasNull() ? null : score;
                Map<String, String> metadata = new LinkedHashMap<>();
                String meta = rows.getString(10);
                if (meta != null) {
                    try {
                        Map<?, ?> parsed = json.readValue(meta, Map.class);
                        parsed.forEach((k, v) -> metadata.put(String.valueOf(k), String.valueOf(v)));
                    } catch (IOException e) {
                        throw new SQLException("unreadable metadata_json of Ashby assessment " + rows.getString(2), e);
                    }
                }
                return Optional.of(new Assessment(rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4),
                        rows.getString(5), rows.getString(6), Status.valueOf(rows.getString(7)), boxed, rows.getString(9),
                        metadata));
            }
        }
    }

    private interface Work<T> {
        T run(java.sql.Connection connection) throws SQLException;
    }

    private <T> T write(String what, Work<T> work) {
        return transactions.executeWrite(status -> {
            try {
                return work.run(status.getConnection());
            } catch (SQLException e) {
                throw new DataAccessException("cannot " + what + ": " + e.getMessage(), e);
            }
        });
    }

    private <T> T read(String what, Work<T> work) {
        return transactions.executeRead(status -> {
            try {
                return work.run(status.getConnection());
            } catch (SQLException e) {
                throw new DataAccessException("cannot " + what + ": " + e.getMessage(), e);
            }
        });
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    private static byte[] sha256(byte[] value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
