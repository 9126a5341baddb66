package io.atsbridge.launcher;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.util.JsonFormat;
import io.atsbridge.sandbox.Sandbox;
import io.atsbridge.sandbox.aivendor.Interview;
import io.atsbridge.sandbox.greenhouse.CustomFieldScope;
import io.atsbridge.sandbox.http.WebhookAttempt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The all-in-one process killed (SIGKILL) in the middle of a run and started again on the same data
 * directory (issue #5): stage changes stored before the kill resume from the inbox once their leases
 * expire, webhooks the dead process never answered are delivered again by the vendors' retries, and
 * every candidate ends with exactly one interview and one note — none lost, none twice.
 */
class KillRestartIT {

    private static final long SEED = 20261206L;
    private static final int CANDIDATES = 30;
    /** Generous: the machine is shared, and the restart also replays the configuration file. */
    private static final Duration READY_WITHIN = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    @Test
    void killedMidRunAndRestartedEndsWithOneInterviewAndOneNotePerCandidate() throws Exception {
        Map<String, Integer> ports = LauncherPorts.free();
        try (Sandbox sandbox = RestartSandbox.start(SEED)) {
            // Candidates in Texas, whose rules let the interview and its scoring go ahead with no notice period or bias
            // audit on record: this test is about losing nothing across a kill, not about consent (ConsentLoopEndToEndTest).
            DemoScenario scenario = new DemoScenario(sandbox, java.util.Collections.nCopies(CANDIDATES, "US-TX"), SEED);
            Path config = writeConfig(sandbox, scenario);
            String gateway = "http://127.0.0.1:" + ports.get("GATEWAY");
            RestartSandbox.sendWebhooksTo(sandbox, gateway);
            String[] command = {"-jar", LauncherProcess.jar(), "run", "--data-dir", dataDir.toString(), "--config", config.toString()};

            int notesAtKill;
            Instant killedAt;
            try (LauncherProcess first = LauncherProcess.start(LauncherPorts.environment(ports), command)) {
                try {
                    awaitReady(first, ports);
                    scenario.seeded.forEach(s -> sandbox.greenhouse().moveApplication(s.applicationId(),
                            scenario.triggerStageId, scenario.recruiter.id()));
                    assertThat(waitUntil(Duration.ofSeconds(120), () -> notes(sandbox, scenario) >= 3))
                            .as("3 notes written before the kill").isTrue();
                    killedAt = Instant.now();
                    int exit = first.kill(30);
                    notesAtKill = notes(sandbox, scenario);
                    assertThat(exit).as("exit code after SIGKILL").isEqualTo(137);
                    assertThat(first.stdout()).as("no shutdown hook ran").doesNotContain("atsbridge stopped");
                } finally {
                    keepOutput("kill-restart-first.log", first);
                }
            }
            assertThat(notesAtKill).as("notes when the process was killed: mid-run").isLessThan(CANDIDATES);
            System.out.printf("killed with %d of %d notes written%n", notesAtKill, CANDIDATES);

            boolean settled;
            try (LauncherProcess second = LauncherProcess.start(LauncherPorts.environment(ports), command)) {
                try {
                    awaitReady(second, ports);
                    settled = waitUntil(Duration.ofMinutes(3), () -> scenario.seeded.stream()
                            .allMatch(s -> !sandbox.greenhouse().notes(s.candidateId()).isEmpty()
                                    && sandbox.greenhouse().customFieldValue(CustomFieldScope.CANDIDATE, s.candidateId(),
                                    "ai_match_score") != null));
                    // Late duplicates would come from retries still under way: give them a moment to show.
                    Thread.sleep(3_000);
                    assertThat(second.stop(60)).isIn(0, 130, 143);
                } finally {
                    keepOutput("kill-restart-second.log", second);
                }
            }

            // The process is gone: its embedded database can be read, for the assertions and their messages.
            Map<String, Long> cases = countBy("SELECT status, COUNT(*) FROM loop_case GROUP BY status");
            Map<String, Long> events = countBy("SELECT status, COUNT(*) FROM inbox_event GROUP BY status");
            Map<String, Long> attempts = countBy("SELECT CAST(attempts AS VARCHAR), COUNT(*) FROM inbox_event GROUP BY attempts");
            List<String> unfinished = rows("SELECT connection_id, event_type, status, attempts, outcome FROM inbox_event "
                    + "WHERE status NOT IN ('DONE', 'IGNORED') ORDER BY arrival");
            List<String> caseRows = rows("SELECT application_external_id, status, application_id, trace_id, interview_id, detail "
                    + "FROM loop_case WHERE status <> 'WRITTEN' ORDER BY application_external_id");
            // What the vendor knows of the applications whose case did not end WRITTEN: the interviews and
            // the completion webhooks' attempts (the process was killed at killedAt).
            List<String> vendorSide = new ArrayList<>();
            for (String row : caseRows) {
                String canonical = row.split(" \\| ")[2];
                for (Interview interview : sandbox.aiVendor().interviews()) {
                    boolean sameApplication = canonical.equals(interview.metadata().get("application_id"));
                    if (sameApplication || row.contains(interview.id())) {
                        vendorSide.add(interview.id() + " metadata " + interview.metadata() + " created " + interview.createdAt()
                                + " completion attempts " + sandbox.aiVendor().webhookEvents().stream()
                                .filter(e -> new String(e.body(), StandardCharsets.UTF_8).contains(interview.id()))
                                .flatMap(e -> sandbox.aiVendor().webhookAttempts(e.id()).stream())
                                .map(a -> a.statusCode() + "@" + a.at()).toList());
                    }
                }
            }
            List<WebhookAttempt> unanswered = new ArrayList<>(sandbox.greenhouse().webhookAttempts());
            unanswered.addAll(sandbox.aiVendor().webhookAttempts());
            unanswered.removeIf(WebhookAttempt::delivered);
            Map<Long, List<String>> noteTraces = scenario.seeded.stream().collect(Collectors.toMap(
                    DemoScenario.Seeded::candidateId, s -> sandbox.greenhouse().notes(s.candidateId()).stream()
                            .map(n -> n.body().replaceAll("(?s).*Audit reference: (\\S+).*", "$1")).toList()));
            Map<String, List<Interview>> interviews = sandbox.aiVendor().interviews().stream()
                    .collect(Collectors.groupingBy(i -> i.metadata().get("application_id")));
            String state = "cases " + cases + ", inbox events " + events + ", events by attempts " + attempts
                    + ", webhook attempts not answered " + unanswered.size() + "; audit references of the notes per candidate "
                    + noteTraces + "; interviews " + sandbox.aiVendor().interviews().size() + " for " + interviews.size()
                    + " applications; unfinished inbox events " + unfinished + "; cases not WRITTEN " + caseRows
                    + "; their interviews at the vendor " + vendorSide + "; killed at " + killedAt;
            System.out.println("after the restart: " + state);
            keepDatabases();

            assertThat(settled).as("every candidate got a note and the score; " + state).isTrue();
            noteTraces.forEach((candidate, traces) -> assertThat(traces).as("notes of candidate %s; %s", candidate, state).hasSize(1));
            assertThat(interviews.values()).as("interviews per application; " + state).allSatisfy(list -> assertThat(list).hasSize(1));
            assertThat(interviews).as("applications interviewed; " + state).hasSize(CANDIDATES);
            assertThat(cases).as("loop cases by status; " + state).isEqualTo(Map.of("WRITTEN", (long) CANDIDATES));
            assertThat(events.keySet()).as("inbox events by status; " + state).isSubsetOf("DONE", "IGNORED");
        }
    }

    /** The embedded databases in target/kill-restart-data, to read after a failure (the temporary directory goes). */
    private void keepDatabases() throws IOException {
        Path kept = Path.of("target", "kill-restart-data");
        Files.createDirectories(kept);
        try (var files = Files.list(dataDir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".mv.db")).toList()) {
                Files.copy(file, kept.resolve(file.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /** The process's output in target/, to read after a failure. */
    private static void keepOutput(String file, LauncherProcess process) throws IOException {
        List<String> lines = new ArrayList<>(process.stdout());
        lines.addAll(process.stderr());
        Files.write(Path.of("target", file), lines);
    }

    /** The configuration file: both connections (Greenhouse on Harvest v1), a short worker lease, the mapping profile. */
    private Path writeConfig(Sandbox sandbox, DemoScenario scenario) throws IOException {
        Map<String, Object> greenhouse = new LinkedHashMap<>();
        greenhouse.put("tenant", DemoScenario.TENANT);
        greenhouse.put("vendor", "GREENHOUSE");
        greenhouse.put("kind", "ATS");
        greenhouse.put("display-name", "Greenhouse (sandbox)");
        greenhouse.put("base-url", sandbox.greenhouseBaseUrl());
        greenhouse.put("webhook-secrets", List.of(sandbox.settings().greenhouseWebhookSecret()));
        greenhouse.put("api-version", "v1");
        greenhouse.put("credentials", sandbox.settings().greenhouseApiKey());
        greenhouse.put("trigger-stage", DemoScenario.TRIGGER_STAGE);
        greenhouse.put("mapping-profile", DemoScenario.PROFILE);
        greenhouse.put("ai-connection", DemoScenario.AI_CONNECTION);
        greenhouse.put("on-behalf-of", String.valueOf(scenario.recruiter.id()));
        greenhouse.put("interview-kit", "backend-engineer-v1");
        greenhouse.put("jurisdictions", List.of("US-NY-NYC"));
        greenhouse.put("jurisdiction-field", DemoScenario.JURISDICTION_FIELD);
        Map<String, Object> ai = new LinkedHashMap<>();
        ai.put("tenant", DemoScenario.TENANT);
        ai.put("vendor", "STANDARD_WEBHOOKS");
        ai.put("kind", "AI_VENDOR");
        ai.put("display-name", "AI interviews (sandbox)");
        ai.put("base-url", sandbox.aiVendorBaseUrl());
        ai.put("webhook-secrets", List.of(sandbox.settings().aiVendorWebhookSecret()));
        ai.put("credentials", sandbox.settings().aiVendorApiKey());

        @SuppressWarnings("unchecked")
        Map<String, Object> profile = JSON.readValue(JsonFormat.printer().preservingProtoFieldNames()
                .print(scenario.mappingProfile()), LinkedHashMap.class);
        profile.put("tenant", DemoScenario.TENANT);

        Map<String, Object> root = new LinkedHashMap<>();
        root.put("connections", Map.of(DemoScenario.ATS_CONNECTION, greenhouse, DemoScenario.AI_CONNECTION, ai));
        // A killed worker's claims are taken up again once their lease ends: short here, 60 s by default.
        root.put("adapter", Map.of("worker", Map.of("lease", "5s", "poll-interval", "50ms",
                "backoff-base", "300ms", "backoff-max", "3s")));
        root.put("mapping-profiles", Map.of(DemoScenario.PROFILE, profile));
        Path file = dataDir.resolve("atsbridge.yml");
        // JSON is YAML: the file is read like any hand-written one.
        Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root));
        return file;
    }

    private static int notes(Sandbox sandbox, DemoScenario scenario) {
        return scenario.seeded.stream().mapToInt(s -> sandbox.greenhouse().notes(s.candidateId()).size()).sum();
    }

    /** Reads the adapter's embedded database (the launcher must not be running: H2 locks the file). */
    private Map<String, Long> countBy(String sql) throws SQLException {
        Map<String, Long> counts = new HashMap<>();
        try (Connection connection = adapterDatabase();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                counts.put(rows.getString(1), rows.getLong(2));
            }
        }
        return counts;
    }

    /** Each row of the query as its columns joined with " | ". */
    private List<String> rows(String sql) throws SQLException {
        List<String> result = new ArrayList<>();
        try (Connection connection = adapterDatabase();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            int columns = rows.getMetaData().getColumnCount();
            while (rows.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    values.add(rows.getString(i));
                }
                result.add(String.join(" | ", values));
            }
        }
        return result;
    }

    private Connection adapterDatabase() throws SQLException {
        return DriverManager.getConnection("jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("adapter")
                + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE", "sa", "");
    }

    private static void awaitReady(LauncherProcess launcher, Map<String, Integer> ports) throws Exception {
        LauncherPorts.awaitReady(launcher, ports, READY_WITHIN);
    }

    /** Whether the condition came true within the limit. */
    private static boolean waitUntil(Duration limit, BooleanSupplier condition) {
        return Await.within(limit, condition);
    }

}
