package io.atsbridge.platform.testing;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.MySQLContainer;

import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A freshly created MySQL-compatible database for one test class, dropped by {@link #close()}.
 *
 * <p>Where the server comes from, in order: {@code ATSBRIDGE_TEST_JDBC_URL} (a server URL such as
 * {@code jdbc:mysql://db:3306/}, with {@code ATSBRIDGE_TEST_JDBC_USER} / {@code _PASSWORD}); else a
 * Testcontainers {@code mysql:8.4} when a Docker engine answers; else the local MariaDB / MySQL at
 * 127.0.0.1:3306 as root without password (what {@code .ci/run} installs and starts).
 */
public final class TestDatabase implements AutoCloseable {

    private static final String MYSQL_OPTIONS =
            "sslMode=DISABLED&allowPublicKeyRetrieval=true&connectTimeout=5000&connectionTimeZone=UTC";
    private static final String MARIADB_OPTIONS = "connectTimeout=5000";
    private static final Pattern HOST_AND_PORT = Pattern.compile("//([^/:?]+):(\\d+)/");
    private static Server server;

    /**
     * A server, reached with MySQL Connector/J or, when it is MariaDB, with MariaDB's own driver:
     * Connector/J reads MariaDB 10.x's "5.5.5-" version prefix as MySQL 5.5 and silently drops
     * fractions of a second.
     */
    private record Server(String baseUrl, String user, String password, boolean mariadb) {
        String url(String database) {
            String base = baseUrl.endsWith("/") ? baseUrl : baseUrl + "/";
            if (mariadb) {
                return base.replaceFirst("^jdbc:mysql:", "jdbc:mariadb:") + database + "?" + MARIADB_OPTIONS;
            }
            return base + database + "?" + MYSQL_OPTIONS;
        }

        String driverClassName() {
            return mariadb ? "org.mariadb.jdbc.Driver" : "com.mysql.cj.jdbc.Driver";
        }

        Server detectFlavour() {
            try (Connection c = DriverManager.getConnection(url(""), user, password);
                 Statement st = c.createStatement();
                 var rs = st.executeQuery("SELECT VERSION()")) {
                rs.next();
                return new Server(baseUrl, user, password, rs.getString(1).contains("MariaDB"));
            } catch (SQLException e) {
                throw new IllegalStateException("test database server " + baseUrl + " does not answer"
                        + " (is a MySQL-compatible server running? .ci/run starts one)", e);
            }
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

    /** The JDBC driver class for this server (MySQL Connector/J, or MariaDB's driver for MariaDB). */
    public String driverClassName() {
        return owner.driverClassName();
    }

    public String name() {
        return name;
    }

    /** The host and port of the server this database lives on. */
    public InetSocketAddress serverAddress() {
        Matcher matcher = HOST_AND_PORT.matcher(jdbcUrl());
        if (!matcher.find()) {
            throw new IllegalStateException("no host:port in the test database URL " + jdbcUrl());
        }
        return new InetSocketAddress(matcher.group(1), Integer.parseInt(matcher.group(2)));
    }

    /**
     * Micronaut properties pointing {@code datasources.default} at this database through another host and
     * port, e.g. a {@link TcpRelay}'s.
     */
    public Map<String, String> micronautPropertiesVia(String host, int port) {
        Map<String, String> properties = new HashMap<>(micronautProperties());
        properties.put("datasources.default.url", HOST_AND_PORT.matcher(jdbcUrl()).replaceFirst("//" + host + ":" + port + "/"));
        return properties;
    }

    /** Micronaut properties pointing {@code datasources.default} at this database. */
    public Map<String, String> micronautProperties() {
        return Map.of(
                "datasources.default.url", jdbcUrl(),
                "datasources.default.username", username(),
                "datasources.default.password", password(),
                "datasources.default.driver-class-name", owner.driverClassName());
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
            server = new Server(url, env("ATSBRIDGE_TEST_JDBC_USER", "root"), env("ATSBRIDGE_TEST_JDBC_PASSWORD", ""), false)
                    .detectFlavour();
        } else if (dockerAvailable()) {
            MySQLContainer<?> container = new MySQLContainer<>("mysql:8.4").withUsername("root").withPassword("test");
            container.start();
            server = new Server("jdbc:mysql://" + container.getHost() + ":" + container.getMappedPort(3306) + "/",
                    "root", "test", false);
        } else {
            server = new Server("jdbc:mysql://127.0.0.1:3306/", "root", "", false).detectFlavour();
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
