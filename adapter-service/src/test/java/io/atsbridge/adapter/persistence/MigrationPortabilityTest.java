package io.atsbridge.adapter.persistence;

import io.atsbridge.platform.testing.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The schema also runs on H2 in MySQL mode, which the all-in-one launcher embeds; the MySQL-compatible
 * server is covered by every other database test. The inbox's unique key works there too.
 */
class MigrationPortabilityTest {

    @Test
    void schemaMigratesOnH2InMySqlModeAndKeepsDeliveriesUnique() throws SQLException {
        String url = "jdbc:h2:mem:adapter_portability;MODE=MySQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1";
        Flyway.configure().dataSource(url, "sa", "").locations("classpath:db/adapter").load().migrate();

        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement st = c.createStatement()) {
            String insert = "INSERT INTO inbox_event (id, tenant_id, connection_id, delivery_key, vendor, event_type, "
                    + "vendor_event_type, external_refs, receive_time, raw_body, content_type, create_time) VALUES ("
                    + "'%s', 'acme', 'gh-acme', '%s', 'GREENHOUSE', 'OTHER', '', '[]', CURRENT_TIMESTAMP, X'00', '', "
                    + "CURRENT_TIMESTAMP)";
            st.executeUpdate(String.format(insert, "id-1", "Key-1"));
            st.executeUpdate(String.format(insert, "id-2", "key-1"));
            assertThatThrownBy(() -> st.executeUpdate(String.format(insert, "id-3", "Key-1")))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("23505"));
            try (var rows = st.executeQuery("SELECT status, attempts FROM inbox_event WHERE id = 'id-1'")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("PENDING");
                assertThat(rows.getInt(2)).isZero();
            }
            st.execute("SHUTDOWN");
        }
    }

    @Test
    void v9MovesBothAtssPartnerRowsIntoOneTableWithTheirProtocolOnH2() throws SQLException {
        String url = "jdbc:h2:mem:adapter_partner_move;MODE=MySQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1";
        movesPartnerRows(url, "sa", "");
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement st = c.createStatement()) {
            st.execute("SHUTDOWN");
        }
    }

    @Test
    void v9MovesBothAtssPartnerRowsIntoOneTableWithTheirProtocolOnTheMySqlCompatibleServer() throws SQLException {
        try (TestDatabase database = TestDatabase.create("adapter_partner_move")) {
            movesPartnerRows(database.jdbcUrl(), database.username(), database.password());
        }
    }

    /** Migrates to V8, stores a row in each of the four partner tables, migrates on, and checks where they went. */
    private static void movesPartnerRows(String url, String user, String password) throws SQLException {
        Flyway.configure().dataSource(url, user, password).locations("classpath:db/adapter").target("8").load().migrate();
        try (Connection c = DriverManager.getConnection(url, user, password); Statement st = c.createStatement()) {
            st.executeUpdate("INSERT INTO partner_connection (connection_id, tenant_id, key_ciphertext, tests, update_time) "
                    + "VALUES ('ai-acme', 'acme', X'01', 'kit-1\tKit one\n', CURRENT_TIMESTAMP)");
            st.executeUpdate("INSERT INTO ashby_partner_connection (connection_id, tenant_id, partner_key_ciphertext, "
                    + "api_key_ciphertext, base_url, tests, update_time) VALUES ('ai-acme', 'acme', X'02', X'03', "
                    + "'https://api.ashbyhq.com', 'kit-1\tKit one\n', CURRENT_TIMESTAMP)");
            st.executeUpdate("INSERT INTO partner_assessment (connection_id, interview_id, tenant_id, test_id, completion_url, "
                    + "status, score, profile_url, metadata_json, create_time, update_time) VALUES ('ai-acme', 'iv_gh', 'acme', "
                    + "'kit-1', 'https://harvest.greenhouse.io/t/1', 'NOTIFIED', 4.5, 'https://ai.example/t', '{}', "
                    + "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
            st.executeUpdate("INSERT INTO ashby_partner_assessment (connection_id, assessment_id, tenant_id, assessment_type_id, "
                    + "application_id, interview_id, status, active_key, create_time, update_time) VALUES ('ai-acme', "
                    + "'a-1', 'acme', 'kit-1', 'app-1', 'iv_ashby', 'INVITED', 'k1', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
        }

        Flyway.configure().dataSource(url, user, password).locations("classpath:db/adapter").load().migrate();

        try (Connection c = DriverManager.getConnection(url, user, password); Statement st = c.createStatement()) {
            try (var rows = st.executeQuery("SELECT protocol, api_key_ciphertext IS NULL, base_url FROM assessment_partner "
                    + "ORDER BY protocol")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("ASHBY");
                assertThat(rows.getBoolean(2)).isFalse();
                assertThat(rows.getString(3)).isEqualTo("https://api.ashbyhq.com");
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("GREENHOUSE");
                assertThat(rows.getBoolean(2)).isTrue();
                assertThat(rows.next()).isFalse();
            }
            try (var rows = st.executeQuery("SELECT assessment_id, protocol, interview_id, completion_url, application_id, "
                    + "status, active_key, score FROM assessment_partner_assessment ORDER BY protocol")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("a-1");
                assertThat(rows.getString(2)).isEqualTo("ASHBY");
                assertThat(rows.getString(3)).isEqualTo("iv_ashby");
                assertThat(rows.getString(4)).isNull();
                assertThat(rows.getString(5)).isEqualTo("app-1");
                assertThat(rows.getString(7)).isEqualTo("k1");
                assertThat(rows.next()).isTrue();
                // Greenhouse knows its assessment by the interview id.
                assertThat(rows.getString(1)).isEqualTo("iv_gh");
                assertThat(rows.getString(2)).isEqualTo("GREENHOUSE");
                assertThat(rows.getString(4)).isEqualTo("https://harvest.greenhouse.io/t/1");
                assertThat(rows.getString(6)).isEqualTo("NOTIFIED");
                assertThat(rows.getDouble(8)).isEqualTo(4.5);
                assertThat(rows.next()).isFalse();
            }
            for (String dropped : new String[]{"partner_connection", "partner_assessment", "ashby_partner_connection",
                    "ashby_partner_assessment"}) {
                assertThatThrownBy(() -> st.executeQuery("SELECT COUNT(*) FROM " + dropped)).as(dropped)
                        .isInstanceOf(SQLException.class);
            }
        }
    }
}
