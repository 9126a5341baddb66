package io.atsbridge.platform.testing;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;

import static org.assertj.core.api.Assertions.assertThat;

class TestDatabaseTest {

    @Test
    void createsAnEmptyDatabaseAndDropsIt() throws Exception {
        String url;
        String name;
        try (TestDatabase db = TestDatabase.create("probe")) {
            url = db.jdbcUrl();
            name = db.name();
            try (Connection c = db.connect()) {
                c.createStatement().execute("CREATE TABLE t (id INT PRIMARY KEY)");
                c.createStatement().execute("INSERT INTO t VALUES (1)");
            }
            assertThat(db.count("t")).isEqualTo(1);
            try (Connection c = db.connect()) {
                c.createStatement().execute("CREATE TABLE times (at DATETIME(6) NOT NULL)");
                var insert = c.prepareStatement("INSERT INTO times VALUES (?)");
                insert.setTimestamp(1, java.sql.Timestamp.from(java.time.Instant.parse("2026-11-22T10:15:30.123456Z")));
                insert.executeUpdate();
                ResultSet rs = c.createStatement().executeQuery("SELECT at FROM times");
                rs.next();
                assertThat(rs.getTimestamp(1).toInstant()).as("fractions of a second survive")
                        .isEqualTo(java.time.Instant.parse("2026-11-22T10:15:30.123456Z"));
            }
        }
        try (Connection c = DriverManager.getConnection(url.replace("/" + name + "?", "/?"), "root", "");
             ResultSet rs = c.getMetaData().getCatalogs()) {
            boolean found = false;
            while (rs.next()) {
                found |= rs.getString(1).equals(name);
            }
            assertThat(found).as("database %s dropped", name).isFalse();
        }
    }
}
