package io.atsbridge.launcher;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.util.JsonFormat;
import io.atsbridge.platform.testing.TestCalls;
import io.atsbridge.platform.testing.TestDatabase;
import io.atsbridge.platform.testing.TestPorts;
import io.atsbridge.sandbox.Sandbox;
import io.atsbridge.sandbox.aivendor.Interview;
import io.atsbridge.sandbox.greenhouse.CustomFieldScope;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * atsbridge as the Helm chart deploys it, on one machine: the six services run as separate JVM processes from
 * their runnable jars, each on its own MariaDB database, configured by nothing but the environment the chart
 * sets for its container ({@link ChartDeployment}) and the JVM settings the chart gives it (with the container's
 * memory limit as the JVM's view of the machine). Signed Greenhouse webhooks go through to write-backs on the
 * sandbox's Greenhouse; then adapter-service — the one holding the inbox — is killed with SIGKILL mid-run and
 * started again from the same environment, and every candidate still ends with exactly one interview and one
 * note. Start-up time and resident memory of each process, idle and after the run, are written to
 * {@code target/distributed-footprint.md} (measured, never asserted; BENCHMARKS.md keeps the figures).
 */
class DistributedIT {

    private static final long SEED = 20261207L;
    private static final int CANDIDATES = 12;
    private static final List<String> COMPONENTS = List.of("identity", "mapping", "consent", "audit", "adapter", "gateway");
    private static final Map<String, String> JARS = Map.of("identity", "identity-service", "mapping", "mapping-service",
            "consent", "consent-service", "audit", "audit-service", "adapter", "adapter-service", "gateway", "edge-gateway");
    private static final Duration READY_WITHIN = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Map<String, TestDatabase> DATABASES = new LinkedHashMap<>();
    /** The database user the services connect as, with rights on their five databases only, as deploy/README.md has it. */
    private static final String USER = "atsb_dist_" + Long.toHexString(new SecureRandom().nextLong() & 0xffffffL);
    private static final String PASSWORD = token();
    private static final List<String> USER_HOSTS = List.of("%", "localhost");

    @TempDir
    Path dir;

    @BeforeAll
    static void createDatabases() throws Exception {
        for (String component : COMPONENTS.subList(0, 5)) {
            DATABASES.put(component, TestDatabase.create("dist_" + component));
        }
        asRoot(statement -> {
            for (String host : USER_HOSTS) {
                statement.execute("CREATE USER '" + USER + "'@'" + host + "' IDENTIFIED BY '" + PASSWORD + "'");
                for (TestDatabase database : DATABASES.values()) {
                    statement.execute("GRANT ALL PRIVILEGES ON `" + database.name() + "`.* TO '" + USER + "'@'" + host + "'");
                }
            }
        });
    }

    @AfterAll
    static void dropDatabases() throws Exception {
        asRoot(statement -> {
            for (String host : USER_HOSTS) {
                statement.execute("DROP USER IF EXISTS '" + USER + "'@'" + host + "'");
            }
        });
        DATABASES.values().forEach(TestDatabase::close);
    }

    private interface Sql {
        void run(Statement statement) throws java.sql.SQLException;
    }

    private static void asRoot(Sql work) throws java.sql.SQLException {
        try (Connection connection = DATABASES.get("identity").connect(); Statement statement = connection.createStatement()) {
            work.run(statement);
        }
    }

    @Test
    void theChartsSixProcessesCloseTheLoopAndLoseNothingWhenTheAdapterIsKilled() throws Exception {
        Map<String, Integer> ports = new HashMap<>();
        for (String component : COMPONENTS) {
            ports.put(component, TestPorts.free());
            if (!component.equals("gateway")) {
                // The plaintext health-only port the chart's probes use.
                ports.put(component + "-health", TestPorts.free());
            }
        }
        try (Sandbox sandbox = RestartSandbox.start(SEED)) {
            // Candidates in Texas, whose rules let the interview and its scoring go ahead with no notice period or bias
            // audit on record: this test is about losing nothing across a kill, not about consent (ConsentLoopEndToEndTest).
            DemoScenario scenario = new DemoScenario(sandbox, java.util.Collections.nCopies(CANDIDATES, "US-TX"), SEED);
            ChartDeployment chart = ChartDeployment.render(writeValues(sandbox, scenario, ports), dir.resolve("mounted"));
            Map<String, ChartDeployment.Container> containers = new LinkedHashMap<>();
            for (String component : COMPONENTS) {
                containers.put(component, chart.container(component));
            }
            String gateway = "http://127.0.0.1:" + ports.get("gateway");
            RestartSandbox.sendWebhooksTo(sandbox, gateway);

            Map<String, LauncherProcess> processes = new LinkedHashMap<>();
            Footprint footprint = new Footprint();
            try {
                // As in a cluster, every service starts at once; each waits for what it needs.
                for (String component : COMPONENTS) {
                    processes.put(component, start(containers.get(component)));
                    footprint.started(component);
                }
                awaitReady(processes, ports, footprint);
                Thread.sleep(2_000);
                footprint.idle(processes);

                List<DemoScenario.Seeded> first = scenario.seeded.subList(0, CANDIDATES / 2);
                List<DemoScenario.Seeded> second = scenario.seeded.subList(CANDIDATES / 2, CANDIDATES);
                first.forEach(s -> sandbox.greenhouse().moveApplication(s.applicationId(), scenario.triggerStageId,
                        scenario.recruiter.id()));
                Await.until("a first note on the Greenhouse record", Duration.ofSeconds(90),
                        () -> notes(sandbox, scenario) >= 1, () -> "notes " + notes(sandbox, scenario));
                second.forEach(s -> sandbox.greenhouse().moveApplication(s.applicationId(), scenario.triggerStageId,
                        scenario.recruiter.id()));

                LauncherProcess adapter = processes.get("adapter");
                int notesAtKill = notes(sandbox, scenario);
                assertThat(adapter.kill(30)).as("adapter-service's exit code after SIGKILL").isEqualTo(137);
                keepOutput("distributed-adapter-killed.log", adapter);
                System.out.printf("adapter-service killed with %d of %d notes written%n", notesAtKill, CANDIDATES);
                processes.put("adapter", start(containers.get("adapter")));
                awaitServing("adapter", processes.get("adapter"), ports.get("adapter-health"));

                Await.until("a note and the score on every candidate", Duration.ofMinutes(3),
                        () -> scenario.seeded.stream().allMatch(s -> !sandbox.greenhouse().notes(s.candidateId()).isEmpty()
                                && sandbox.greenhouse().customFieldValue(CustomFieldScope.CANDIDATE, s.candidateId(),
                                "ai_match_score") != null),
                        () -> "notes " + notes(sandbox, scenario) + ", cases " + cases());
                // Late duplicates would come from retries still under way: give them a moment to show.
                Thread.sleep(3_000);
                footprint.after(processes);

                Map<Long, Integer> notesPerCandidate = scenario.seeded.stream().collect(Collectors.toMap(
                        DemoScenario.Seeded::candidateId, s -> sandbox.greenhouse().notes(s.candidateId()).size()));
                assertThat(notesPerCandidate.values()).as("notes per candidate " + notesPerCandidate).containsOnly(1);
                Map<String, List<Interview>> interviews = sandbox.aiVendor().interviews().stream()
                        .collect(Collectors.groupingBy(i -> i.metadata().get("application_id")));
                assertThat(interviews).as("applications interviewed").hasSize(CANDIDATES);
                assertThat(interviews.values()).as("interviews per application")
                        .allSatisfy(list -> assertThat(list).hasSize(1));
                assertThat(cases()).as("loop cases by status").isEqualTo(Map.of("WRITTEN", (long) CANDIDATES));
                assertThat(inboxEvents().keySet()).as("inbox events by status").isSubsetOf("DONE", "IGNORED");
            } finally {
                for (Map.Entry<String, LauncherProcess> process : processes.entrySet()) {
                    keepOutput("distributed-" + process.getKey() + ".log", process.getValue());
                    process.getValue().close();
                }
                footprint.write(containers, Path.of("target", "distributed-footprint.md"));
            }
        }
    }

    /** The values an operator would write for this machine: the databases, ports, secrets and declarations. */
    private Path writeValues(Sandbox sandbox, DemoScenario scenario, Map<String, Integer> ports) throws IOException {
        TestDatabase any = DATABASES.get("identity");
        URI server = URI.create(any.jdbcUrl().substring("jdbc:".length()));
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("database", Map.of(
                "host", server.getHost(),
                "port", server.getPort(),
                // MariaDB's own driver against a MariaDB server, as deploy/README.md says (Connector/J drops fractions).
                "driver", any.driverClassName().contains("mariadb") ? "mariadb" : "mysql",
                "username", USER,
                "password", PASSWORD));
        values.put("auth", Map.of("operatorToken", token(), "adapterToken", token(), "gatewayToken", token(),
                "identityToken", token(), "consentToken", token()));
        // The chart's certificates name the Services (atsbridge-identity, ...), which this machine reaches as 127.0.0.1:
        // the processes talk plaintext here. TLS with the chart's certificates is tested in deploy (TlsTest).
        values.put("tls", Map.of("enabled", false));
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Map<String, Object> adapter = new LinkedHashMap<>();
        adapter.put("masterKey", Base64.getEncoder().encodeToString(key));
        adapter.put("declarations", declarations(scenario));
        for (String component : COMPONENTS) {
            Map<String, Object> service = new LinkedHashMap<>();
            service.put("port", ports.get(component));
            if (!component.equals("gateway")) {
                service.put("healthPort", ports.get(component + "-health"));
                service.put("database", Map.of("name", DATABASES.get(component).name()));
            }
            if (component.equals("adapter")) {
                service.putAll(adapter);
            }
            if (component.equals("audit")) {
                byte[] signingKey = new byte[32];
                new SecureRandom().nextBytes(signingKey);
                service.put("signing", Map.of("privateKey", Base64.getEncoder().encodeToString(signingKey)));
            }
            values.put(component, service);
        }
        Path file = dir.resolve("values.yaml");
        // JSON is YAML: helm reads it like any values file.
        Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(values));
        return file;
    }

    /** The declaration file: both connections (Greenhouse on Harvest v3), a short worker lease, the mapping profile. */
    private static Map<String, Object> declarations(DemoScenario scenario) throws IOException {
        Map<String, Map<String, Object>> connections = new TreeMap<>();
        scenario.connectionProperties().forEach((property, value) -> {
            String[] parts = property.substring("atsbridge.connections.".length()).split("\\.", 2);
            connections.computeIfAbsent(parts[0], id -> new LinkedHashMap<>()).put(parts[1], value);
        });
        @SuppressWarnings("unchecked")
        Map<String, Object> profile = JSON.readValue(JsonFormat.printer().preservingProtoFieldNames()
                .print(scenario.mappingProfile()), LinkedHashMap.class);
        profile.put("tenant", DemoScenario.TENANT);
        Map<String, Object> declarations = new LinkedHashMap<>();
        declarations.put("connections", connections);
        // A killed worker's claims are taken up again once their lease ends: short here, 60 s by default.
        declarations.put("adapter", Map.of("worker", Map.of("lease", "5s", "poll-interval", "50ms",
                "backoff-base", "300ms", "backoff-max", "3s")));
        declarations.put("mapping-profiles", Map.of(DemoScenario.PROFILE, profile));
        return declarations;
    }

    /**
     * The container's process: its environment only, and the chart's JVM settings with the container's memory
     * limit standing in for the machine's memory (what the JVM sees in a container).
     */
    private static LauncherProcess start(ChartDeployment.Container container) throws IOException {
        Map<String, String> environment = new HashMap<>(container.environment());
        environment.put("JAVA_TOOL_OPTIONS", environment.getOrDefault("JAVA_TOOL_OPTIONS", "")
                + " -XX:MaxRAM=" + bytes(container.memoryLimit()));
        return LauncherProcess.startIsolated(environment, "-jar", LauncherProcess.serviceJar(JARS.get(container.component())));
    }

    private static void awaitReady(Map<String, LauncherProcess> processes, Map<String, Integer> ports, Footprint footprint)
            throws Exception {
        for (String component : COMPONENTS.subList(0, 5)) {
            awaitServing(component, processes.get(component), ports.get(component + "-health"));
            footprint.ready(component);
        }
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports.get("gateway") + "/health"))
                .timeout(Duration.ofSeconds(3)).build();
        Await.until("the gateway ready (GET /health 200)", READY_WITHIN, () -> {
            assertAlive("gateway", processes.get("gateway"));
            try {
                return http.send(health, HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }, () -> "gateway output " + processes.get("gateway").stdout() + processes.get("gateway").stderr());
        footprint.ready("gateway");
    }

    private static void awaitServing(String component, LauncherProcess process, int port) {
        Await.until(component + " SERVING", READY_WITHIN, () -> {
            assertAlive(component, process);
            ManagedChannel channel = TestCalls.channel(port);
            try {
                return HealthGrpc.newBlockingStub(channel).withDeadlineAfter(1, TimeUnit.SECONDS)
                        .check(HealthCheckRequest.getDefaultInstance()).getStatus() == ServingStatus.SERVING;
            } catch (StatusRuntimeException e) {
                return false;
            } finally {
                channel.shutdownNow();
            }
        }, () -> component + " output " + process.stdout() + process.stderr());
    }

    private static void assertAlive(String component, LauncherProcess process) {
        if (!process.alive()) {
            throw new AssertionError(component + " exited: " + process.stdout() + process.stderr());
        }
    }

    private static int notes(Sandbox sandbox, DemoScenario scenario) {
        return scenario.seeded.stream().mapToInt(s -> sandbox.greenhouse().notes(s.candidateId()).size()).sum();
    }

    private static Map<String, Long> cases() {
        return countBy("SELECT status, COUNT(*) FROM loop_case GROUP BY status");
    }

    private static Map<String, Long> inboxEvents() {
        return countBy("SELECT status, COUNT(*) FROM inbox_event GROUP BY status");
    }

    /** Reads adapter-service's database (MariaDB: readable while the service runs). */
    private static Map<String, Long> countBy(String sql) {
        Map<String, Long> counts = new TreeMap<>();
        try (Connection connection = DATABASES.get("adapter").connect();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                counts.put(rows.getString(1), rows.getLong(2));
            }
        } catch (java.sql.SQLException e) {
            counts.put("(unreadable: " + e.getMessage() + ")", -1L);
        }
        return counts;
    }

    private static String token() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Kubernetes quantities: 512Mi, 1Gi, 500M. */
    static long bytes(String quantity) {
        Map<String, Long> units = Map.of("Ki", 1L << 10, "Mi", 1L << 20, "Gi", 1L << 30, "K", 1_000L, "M", 1_000_000L,
                "G", 1_000_000_000L);
        for (Map.Entry<String, Long> unit : units.entrySet()) {
            if (quantity.endsWith(unit.getKey()) && Character.isDigit(quantity.charAt(quantity.length() - unit.getKey().length() - 1))) {
                return Long.parseLong(quantity.substring(0, quantity.length() - unit.getKey().length())) * unit.getValue();
            }
        }
        return Long.parseLong(quantity);
    }

    private static void keepOutput(String file, LauncherProcess process) throws IOException {
        List<String> lines = new ArrayList<>(process.stdout());
        lines.addAll(process.stderr());
        Files.createDirectories(Path.of("target"));
        Files.write(Path.of("target", file), lines);
    }

    /** Start-up times and resident memory, for BENCHMARKS.md. */
    private static final class Footprint {

        private final Map<String, Long> startedAt = new HashMap<>();
        private final Map<String, Long> readyMillis = new LinkedHashMap<>();
        private final Map<String, Long> idleRss = new LinkedHashMap<>();
        private final Map<String, Long> afterRss = new LinkedHashMap<>();

        void started(String component) {
            startedAt.put(component, System.nanoTime());
        }

        void ready(String component) {
            readyMillis.put(component, (System.nanoTime() - startedAt.get(component)) / 1_000_000);
        }

        void idle(Map<String, LauncherProcess> processes) throws IOException {
            for (String component : COMPONENTS) {
                idleRss.put(component, rss(processes.get(component).pid()));
            }
        }

        void after(Map<String, LauncherProcess> processes) throws IOException {
            for (String component : COMPONENTS) {
                afterRss.put(component, rss(processes.get(component).pid()));
            }
        }

        /** VmRSS of the process in KiB (Linux). */
        private static long rss(long pid) throws IOException {
            return Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status")).stream()
                    .filter(line -> line.startsWith("VmRSS:"))
                    .map(line -> Long.parseLong(line.replaceAll("[^0-9]", "")))
                    .findFirst().orElse(-1L);
        }

        void write(Map<String, ChartDeployment.Container> containers, Path file) throws IOException {
            List<String> lines = new ArrayList<>();
            lines.add("| service | ready after start (ms, all six starting at once) | RSS idle (MiB) | RSS after the run (MiB) | memory limit | JAVA_TOOL_OPTIONS |");
            lines.add("|---|---|---|---|---|---|");
            for (String component : COMPONENTS) {
                ChartDeployment.Container container = containers.get(component);
                lines.add("| " + JARS.get(component) + " | " + readyMillis.getOrDefault(component, -1L) + " | "
                        + idleRss.getOrDefault(component, -1L) / 1024 + " | " + afterRss.getOrDefault(component, -1L) / 1024
                        + " | " + (container == null ? "" : container.memoryLimit()) + " | `"
                        + (container == null ? "" : container.environment().getOrDefault("JAVA_TOOL_OPTIONS", "")) + "` |");
            }
            Files.createDirectories(file.getParent());
            Files.write(file, lines);
            System.out.println(String.join(System.lineSeparator(), lines));
        }
    }
}
