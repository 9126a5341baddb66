package io.atsbridge.adapter.persistence;

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
}
