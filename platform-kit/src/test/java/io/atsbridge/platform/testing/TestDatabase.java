package io.atsbridge.platform.testing;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.MySQLContainer;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * A freshly created MySQL-compatible database for one test class, dropped by {@link #close()}.
 *
 * <p>Where the server comes from, in order: {@code ATSBRIDGE_TEST_JDBC_URL} (a server URL such as
 * {@code jdbc:mysql://db:3306/}, with {@code ATSBRIDGE_TEST_JDBC_USER} / {@code _PASSWORD}); else a
 * Testcontainers {@code mysql:8.4} when a Docker engine answers; else the local MariaDB / MySQL at
 * 127.0.0.1:3306 as root without password (what {@code .ci/run} installs and starts).
 */
public final class TestDatabase implements AutoCloseable {

    private static final String OPTIONS =
            "sslMode=DISABLED&allowPublicKeyRetrieval=true&connectTimeout=5000&connectionTimeZone=UTC";
    private static Server server;

    private record Server(String baseUrl, String user, String password) {
        String url(String database) {
            String base = baseUrl.endsWith("/") ? baseUrl : baseUrl + "/";
            return base + database + "?" + OPTIONS;
        }
    }

    private final Server owner;
    private final String name;

    private TestDatabase(Server owner, String name) {
        this.owner = owner;
        this.name = name;
    }

    /** Creates a new, empty database named after the prefix and a random suffix. */
    public static TestDatabase create(String prefix) {
        Server s = server();
        String name = ("t_" + prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12))
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        execute(s, "CREATE DATABASE `" + name + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
        return new TestDatabase(s, name);
    }

    public String jdbcUrl() {
        return owner.url(name);
    }

    public String username() {
        return owner.user();
    }

    public String password() {
        return owner.password();
    }

    public String name() {
        return name;
    }

    /** Micronaut properties pointing {@code datasources.default} at this database. */
    public Map<String, String> micronautProperties() {
        return Map.of(
                "datasources.default.url", jdbcUrl(),
                "datasources.default.username", username(),
                "datasources.default.password", password(),
                "datasources.default.driver-class-name", "com.mysql.cj.jdbc.Driver");
    }

    /** A plain JDBC connection to this database, for assertions on stored rows. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), username(), password());
    }

    /** Counts the rows of a table, for asserting that bad input stored nothing. */
    public long count(String table) {
        try (Connection c = connect(); Statement st = c.createStatement();
             var rs = st.executeQuery("SELECT COUNT(*) FROM `" + table + "`")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count rows of " + table + " in " + name, e);
        }
    }

    @Override
    public void close() {
        execute(owner, "DROP DATABASE IF EXISTS `" + name + "`");
    }

    private static synchronized Server server() {
        if (server != null) {
            return server;
        }
        String url = System.getenv("ATSBRIDGE_TEST_JDBC_URL");
        if (url != null && !url.isBlank()) {
            server = new Server(url, env("ATSBRIDGE_TEST_JDBC_USER", "root"), env("ATSBRIDGE_TEST_JDBC_PASSWORD", ""));
        } else if (dockerAvailable()) {
            MySQLContainer<?> container = new MySQLContainer<>("mysql:8.4").withUsername("root").withPassword("test");
            container.start();
            server = new Server("jdbc:mysql://" + container.getHost() + ":" + container.getMappedPort(3306) + "/",
                    "root", "test");
        } else {
            server = new Server("jdbc:mysql://127.0.0.1:3306/", "root", "");
        }
        return server;
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }

    private static void execute(Server s, String sql) {
        try (Connection c = DriverManager.getConnection(s.url(""), s.user(), s.password());
             Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("test database server " + s.baseUrl() + " refused: " + sql
                    + " (is a MySQL-compatible server running? .ci/run starts one)", e);
        }
    }
}
