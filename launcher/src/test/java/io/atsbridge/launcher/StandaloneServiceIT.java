package io.atsbridge.launcher;

import io.atsbridge.platform.testing.TestCalls;
import io.atsbridge.platform.testing.TestDatabase;
import io.atsbridge.platform.testing.TestPorts;
import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A service run from its own jar as a process, configured by nothing but its environment: the start-up
 * line names its port and variable, a port in use and an unknown variable each stop it with one line
 * that says what to change, and the adapter refuses a declaration file with a mistake in it.
 */
class StandaloneServiceIT {

    private static final String TOKEN = "standalone-operator-token-0123456789";
    private static TestDatabase database;

    @TempDir
    Path dir;

    @BeforeAll
    static void createDatabase() {
        database = TestDatabase.create("standalone");
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    @Test
    void startsFromItsJarAndNamesItsOnlyPort() throws Exception {
        int port = TestPorts.free();
        try (LauncherProcess identity = LauncherProcess.startIsolated(identityEnvironment(port), "-jar",
                LauncherProcess.serviceJar("identity-service"))) {
            awaitLine(identity, "identity-service started in ");
            assertThat(identity.stdout()).anyMatch(line -> line.matches(
                    "identity-service started in \\d+ ms: grpc 0\\.0\\.0\\.0:" + port + " \\(IDENTITY_GRPC_PORT\\)"));
            ManagedChannel channel = TestCalls.channel(port);
            try {
                assertThat(HealthGrpc.newBlockingStub(channel).withDeadlineAfter(2, TimeUnit.SECONDS)
                        .check(HealthCheckRequest.getDefaultInstance()).getStatus()).isEqualTo(ServingStatus.SERVING);
            } finally {
                TestCalls.close(channel);
            }
            // Nothing else listens: no stray HTTP server on 8080 or anywhere.
            assertThat(listeningPorts(identity.pid())).containsExactly(port);
            // SIGTERM runs the shutdown hooks (server and pool closed) and ends the JVM with 128 + 15.
            assertThat(identity.stop(30)).isEqualTo(143);
        }
    }

    @Test
    void aPortInUseIsNamedWithItsVariable() throws Exception {
        try (ServerSocket taken = new ServerSocket(TestPorts.free())) {
            try (LauncherProcess identity = LauncherProcess.startIsolated(identityEnvironment(taken.getLocalPort()), "-jar",
                    LauncherProcess.serviceJar("identity-service"))) {
                assertThat(identity.waitFor(60)).isEqualTo(1);
                assertThat(identity.stderr()).contains("identity-service cannot start: port " + taken.getLocalPort()
                        + " is already in use (Address already in use); stop what listens there or set IDENTITY_GRPC_PORT to another port");
            }
        }
    }

    @Test
    void anUnknownVariableIsRefusedBeforeAnythingStarts() throws Exception {
        Map<String, String> environment = identityEnvironment(TestPorts.free());
        environment.put("IDENTITY_DATASOURCE_URI", "jdbc:mysql://db/x");
        try (LauncherProcess identity = LauncherProcess.startIsolated(environment, "-jar",
                LauncherProcess.serviceJar("identity-service"))) {
            assertThat(identity.waitFor(60)).isEqualTo(1);
            assertThat(identity.stderr()).containsExactly("identity-service cannot start: unknown environment variable "
                    + "IDENTITY_DATASOURCE_URI (did you mean IDENTITY_DATASOURCE_URL?); identity-service reads only the "
                    + "variables listed in the README's configuration tables; remove or correct it");
        }
    }

    @Test
    void theAdapterRefusesADeclarationFileWithAnUnknownKey() throws Exception {
        Path file = dir.resolve("atsbridge.yml");
        Files.writeString(file, "connections:\n  gh-acme:\n    tenant: acme\n    trigger-stag: AI Interview\n");
        Map<String, String> environment = new HashMap<>();
        environment.put("ATSBRIDGE_CONFIG", file.toString());
        environment.put("ATSBRIDGE_AUTH_TOKENS_OPERATOR_SECRET", TOKEN);
        try (LauncherProcess adapter = LauncherProcess.startIsolated(environment, "-jar",
                LauncherProcess.serviceJar("adapter-service"))) {
            assertThat(adapter.waitFor(60)).isEqualTo(1);
            assertThat(adapter.stderr()).hasSize(1);
            assertThat(adapter.stderr().get(0)).startsWith("adapter-service cannot start: declaration file " + file
                    + " has an unknown key 'connections.gh-acme.trigger-stag' (expected one of: ");
        }
    }

    private static Map<String, String> identityEnvironment(int port) {
        Map<String, String> environment = new HashMap<>();
        environment.put("IDENTITY_GRPC_PORT", String.valueOf(port));
        // The URL as an operator writes it: the service adds the driver settings it needs.
        environment.put("IDENTITY_DATASOURCE_URL", database.jdbcUrl().replaceFirst("\\?.*", ""));
        environment.put("IDENTITY_DATASOURCE_USERNAME", database.username());
        environment.put("IDENTITY_DATASOURCE_PASSWORD", database.password());
        environment.put("ATSBRIDGE_AUTH_TOKENS_OPERATOR_SECRET", TOKEN);
        environment.put("ATSBRIDGE_AUTH_TOKENS_OPERATOR_TENANTS", "*");
        environment.put("ATSBRIDGE_AUTH_TOKENS_OPERATOR_ROLES", "operator");
        environment.put("ATSBRIDGE_AUTH_TOKENS_OPERATOR_KIND", "SERVICE");
        return environment;
    }

    private static void awaitLine(LauncherProcess process, String start) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (process.stdout().stream().noneMatch(line -> line.startsWith(start))) {
            if (!process.alive() || System.nanoTime() > deadline) {
                throw new AssertionError("no line '" + start + "...': " + process.stdout() + process.stderr());
            }
            Thread.sleep(100);
        }
    }

    /** The TCP ports the process listens on, from /proc (Linux): the sockets its descriptors name. */
    private static List<Integer> listeningPorts(long pid) throws Exception {
        java.util.Set<String> inodes = new java.util.HashSet<>();
        try (var fds = Files.list(Path.of("/proc", String.valueOf(pid), "fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (java.io.IOException closedMeanwhile) {
                    // The descriptor was closed while listing.
                }
            }
        }
        java.util.TreeSet<Integer> ports = new java.util.TreeSet<>();
        for (String table : List.of("tcp", "tcp6")) {
            for (String line : Files.readAllLines(Path.of("/proc", "net", table)).stream().skip(1).toList()) {
                String[] fields = line.trim().split("\\s+");
                // State 0A is LISTEN; field 9 is the socket's inode.
                if (fields[3].equals("0A") && inodes.contains(fields[9])) {
                    ports.add(Integer.parseInt(fields[1].substring(fields[1].indexOf(':') + 1), 16));
                }
            }
        }
        return List.copyOf(ports);
    }
}
