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
