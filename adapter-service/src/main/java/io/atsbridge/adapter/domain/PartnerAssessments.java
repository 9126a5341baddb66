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
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Greenhouse Assessment Partner side of AI_VENDOR connections: the partner key Greenhouse presents
 * (sealed with the {@link SecretCipher}, only ever compared in constant time or used to authenticate the
 * completion PATCH), the tests offered, and one {@code partner_assessment} row per send_test.
 * Every lookup is by tenant and connection: there is no lookup by partner key.
 */
@Singleton
public final class PartnerAssessments {

    /** One test offered: an AI vendor interview kit. */
    public record Test(String id, String name) {
    }

    /** A connection's partner settings as configuration declares them. toString never prints the key. */
    public record Declaration(String connectionId, String tenantId, String partnerKey, List<Test> tests) {
        @Override
        public String toString() {
            return "PartnerDeclaration[" + connectionId + ", tenant " + tenantId + ", " + tests.size() + " test(s)]";
        }
    }

    /** Where an assessment stands. */
    public enum Status {
        /** The interview was created; no result yet. */
        INVITED,
        /** The result is stored; Greenhouse is still to be told. */
        COMPLETE,
        /** The result is stored and Greenhouse answered the completion PATCH. */
        NOTIFIED
    }

    /** One assessment. completionUrl is Greenhouse's; the result fields are null until complete. */
    public record Assessment(String connectionId, String interviewId, String tenantId, String testId, String completionUrl,
                             Status status, @Nullable Double score, @Nullable String profileUrl,
                             Map<String, String> metadata) {
        @Override
        public String toString() {
            return "Assessment[" + connectionId + "/" + interviewId + ", " + status + "]";
        }
    }

    private static final String ASSESSMENT_COLUMNS = "connection_id, interview_id, tenant_id, test_id, completion_url, status, "
            + "score, profile_url, metadata_json";

    private final TransactionOperations<java.sql.Connection> transactions;
    private final SecretCipher cipher;
    private final JsonMapper json;

    PartnerAssessments(TransactionOperations<java.sql.Connection> transactions, SecretCipher cipher, JsonMapper json) {
        this.transactions = transactions;
        this.cipher = cipher;
        this.json = json;
    }

    /** Stores the declared partner settings, replacing those of connections no longer declaring any. */
    public void declare(List<Declaration> declarations) {
        write("store partner settings", c -> {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM partner_connection")) {
                delete.executeUpdate();
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO partner_connection (connection_id, tenant_id, "
                    + "key_ciphertext, tests, update_time) VALUES (?, ?, ?, ?, ?)")) {
                for (Declaration d : declarations) {
                    StringBuilder tests = new StringBuilder();
                    d.tests().forEach(t -> tests.append(t.id()).append('\t').append(t.name()).append('\n'));
                    insert.setString(1, d.connectionId());
                    insert.setString(2, d.tenantId());
                    insert.setBytes(3, cipher.seal(d.connectionId(), SecretCipher.Purpose.PARTNER_KEY,
                            d.partnerKey().getBytes(StandardCharsets.UTF_8)));
                    insert.setString(4, tests.toString());
                    insert.setTimestamp(5, Timestamp.from(now()));
                    insert.executeUpdate();
                }
            }
            return null;
        });
    }

    /**
     * Whether the presented key is the connection's partner key, compared in constant time.
     *
     * @throws DomainException NOT_FOUND when the tenant has no such partner connection
     */
    public boolean verifyKey(String tenantId, String connectionId, String presented) {
        byte[] expected = sha256(key(tenantId, connectionId).getBytes(StandardCharsets.UTF_8));
        return MessageDigest.isEqual(expected, sha256(presented.getBytes(StandardCharsets.UTF_8)));
    }

    /** The partner key, decrypted: for the completion PATCH only. */
    public String key(String tenantId, String connectionId) {
        byte[] sealed = settings(tenantId, connectionId).key();
        try {
            return new String(cipher.open(connectionId, SecretCipher.Purpose.PARTNER_KEY, sealed), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the partner key of connection " + connectionId + " does not decrypt with the "
                    + "configured master key");
        }
    }

    /** The tests the connection offers. */
    public List<Test> tests(String tenantId, String connectionId) {
        List<Test> tests = new ArrayList<>();
        for (String line : settings(tenantId, connectionId).tests().split("\n")) {
            int tab = line.indexOf('\t');
            if (tab > 0) {
                tests.add(new Test(line.substring(0, tab), line.substring(tab + 1)));
            }
        }
        return tests;
    }

    /** Whether the connection offers the partner API at all (any tenant: for routing inbox events of a known connection). */
    public boolean isPartner(String tenantId, String connectionId) {
        return findSettings(tenantId, connectionId).isPresent();
    }

    /** Records a new assessment; an existing one for the same interview (a retried send_test) is kept. */
    public Assessment recordInvited(String tenantId, String connectionId, String interviewId, String testId, String completionUrl) {
        return write("record a partner assessment", c -> {
            Optional<Assessment> existing = find(c, connectionId, interviewId);
            if (existing.isPresent()) {
                return existing.get();
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO partner_assessment (" + ASSESSMENT_COLUMNS
                    + ", create_time, update_time) VALUES (?, ?, ?, ?, ?, 'INVITED', NULL, NULL, NULL, ?, ?)")) {
                Timestamp now = Timestamp.from(now());
                insert.setString(1, connectionId);
                insert.setString(2, interviewId);
                insert.setString(3, tenantId);
                insert.setString(4, testId);
                insert.setString(5, completionUrl);
                insert.setTimestamp(6, now);
                insert.setTimestamp(7, now);
                insert.executeUpdate();
            }
            return find(c, connectionId, interviewId).orElseThrow();
        });
    }

    /** The assessment of the tenant's connection and interview, if any. */
    public Optional<Assessment> find(String tenantId, String connectionId, String interviewId) {
        return read("read a partner assessment", c -> find(c, connectionId, interviewId))
                .filter(a -> a.tenantId().equals(tenantId));
    }

    /** Stores the result (status COMPLETE unless already NOTIFIED with the same result). */
    public void complete(String connectionId, String interviewId, double score, @Nullable String profileUrl,
                         Map<String, String> metadata) {
        String meta;
        try {
            meta = json.writeValueAsString(new LinkedHashMap<>(metadata));
        } catch (IOException e) {
            throw new IllegalStateException("cannot write assessment metadata", e);
        }
        write("store a partner assessment result", c -> {
            try (PreparedStatement update = c.prepareStatement("UPDATE partner_assessment SET status = 'COMPLETE', score = ?, "
                    + "profile_url = ?, metadata_json = ?, update_time = ? WHERE connection_id = ? AND interview_id = ?")) {
                update.setDouble(1, score);
                update.setString(2, profileUrl);
                update.setString(3, meta);
                update.setTimestamp(4, Timestamp.from(now()));
                update.setString(5, connectionId);
                update.setString(6, interviewId);
                update.executeUpdate();
            }
            return null;
        });
    }

    /** Marks the completion PATCH as answered. */
    public void notified(String connectionId, String interviewId) {
        write("mark a partner assessment notified", c -> {
            try (PreparedStatement update = c.prepareStatement("UPDATE partner_assessment SET status = 'NOTIFIED', update_time = ? "
                    + "WHERE connection_id = ? AND interview_id = ?")) {
                update.setTimestamp(1, Timestamp.from(now()));
                update.setString(2, connectionId);
                update.setString(3, interviewId);
                update.executeUpdate();
            }
            return null;
        });
    }

    private record Settings(byte[] key, String tests) {
    }

    private Settings settings(String tenantId, String connectionId) {
        return findSettings(tenantId, connectionId).orElseThrow(() -> DomainException.notFound("PARTNER_CONNECTION_NOT_FOUND",
                "connection %s offers no assessment partner API in this tenant", connectionId));
    }

    private Optional<Settings> findSettings(String tenantId, String connectionId) {
        return read("read partner settings", c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT key_ciphertext, tests FROM partner_connection "
                    + "WHERE connection_id = ? AND tenant_id = ?")) {
                select.setString(1, connectionId);
                select.setString(2, tenantId);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? Optional.of(new Settings(rows.getBytes(1), rows.getString(2))) : Optional.empty();
                }
            }
        });
    }

    private Optional<Assessment> find(java.sql.Connection c, String connectionId, String interviewId) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT " + ASSESSMENT_COLUMNS + " FROM partner_assessment "
                + "WHERE connection_id = ? AND interview_id = ?")) {
            select.setString(1, connectionId);
            select.setString(2, interviewId);
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                double score = rows.getDouble(7);
                Double boxed = rows.wasNull() ? null : score;
                Map<String, String> metadata = new LinkedHashMap<>();
                String meta = rows.getString(9);
                if (meta != null) {
                    try {
                        Map<?, ?> read = json.readValue(meta, Map.class);
                        read.forEach((k, v) -> metadata.put(String.valueOf(k), String.valueOf(v)));
                    } catch (IOException e) {
                        throw new SQLException("unreadable metadata_json of assessment " + interviewId, e);
                    }
                }
                return Optional.of(new Assessment(rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4),
                        rows.getString(5), Status.valueOf(rows.getString(6)), boxed, rows.getString(8), metadata));
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
