package io.atsbridge.launcher;

import io.atsbridge.adapter.engine.sync.LoopReport;
import io.atsbridge.platform.testing.TestDatabase;
import io.atsbridge.sandbox.aivendor.Interview;
import io.atsbridge.sandbox.faults.FaultKind;
import io.atsbridge.sandbox.faults.FaultStats;
import io.atsbridge.sandbox.faults.OutageMode;
import io.atsbridge.sandbox.faults.VendorFaults;
import io.atsbridge.sandbox.greenhouse.CustomFieldScope;
import io.micronaut.core.annotation.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sync engine against misbehaving vendors (issue #5): a fifth of Greenhouse and AI vendor calls
 * failing with 5xx, a 429 storm during write-backs, two seconds of latency on every call, and a 60 s
 * Greenhouse outage. Whatever the fault, every stage change ends written, blocked by consent or
 * failed with a reason — none lost — and no application gets a second interview or note.
 *
 * <p>One environment for the class; each test moves its own candidates and clears the faults after
 * itself. The adapter retries fast (backoff 300 ms .. 3 s, 6 attempts, circuit open for 5 s) so the
 * class stays within a few minutes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(CapturedLogs.NoLeaks.class)
class FaultToleranceTest {

    private static final long SEED = 20261205L;
    private static final String NYC = "US-NY-NYC";
    private static final String IL = "US-IL";
    /** Case statuses a case ends in; anything else is still under way. */
    private static final Set<String> SETTLED = Set.of("WRITTEN", "CONSENT_BLOCKED", "FAILED");
    /** When neither cases nor inbox changed for this long while something is unsettled, waiting longer is pointless. */
    private static final Duration STALL = Duration.ofSeconds(45);

    private final Map<String, TestDatabase> databases = new HashMap<>();
    private DemoEnvironment demo;
    private List<DemoScenario.Seeded> serverErrors;
    private List<DemoScenario.Seeded> storm;
    private List<DemoScenario.Seeded> latency;
    private List<DemoScenario.Seeded> outage;

    @BeforeAll
    void start() throws Exception {
        Map<String, Map<String, String>> properties = new HashMap<>();
        for (String service : List.of("identity", "mapping", "consent", "audit", "adapter")) {
            TestDatabase database = TestDatabase.create("faults_" + service);
            databases.put(service, database);
            properties.put(service, new HashMap<>(database.micronautProperties()));
        }
        Map<String, String> adapter = properties.get("adapter");
        adapter.put("atsbridge.adapter.worker.poll-interval", "50ms");
        adapter.put("atsbridge.adapter.worker.threads", "4");
        adapter.put("atsbridge.adapter.worker.backoff-base", "300ms");
        adapter.put("atsbridge.adapter.worker.backoff-max", "3s");
        adapter.put("atsbridge.adapter.worker.max-attempts", "6");
        adapter.put("atsbridge.adapter.http.circuit-open-for", "5s");

        List<String> jurisdictions = new ArrayList<>();
        jurisdictions.addAll(List.of(NYC, NYC, IL, NYC, NYC, NYC, IL, NYC));   // 0..7: 5xx
        jurisdictions.addAll(List.of(NYC, NYC, NYC, IL, NYC, NYC));           // 8..13: 429 storm
        jurisdictions.addAll(List.of(NYC, NYC, NYC, NYC, NYC, NYC));          // 14..19: latency
        jurisdictions.addAll(List.of(NYC, NYC, NYC, NYC, IL, NYC, NYC, NYC)); // 20..27: outage
        demo = DemoEnvironment.start(Files.createTempDirectory("atsbridge-faults"), Map.of(), jurisdictions, SEED, 0, true,
                properties, Duration.ofMillis(500));
        CapturedLogs.watch(demo.neverLogged());
        List<DemoScenario.Seeded> seeded = demo.scenario.seeded;
        serverErrors = seeded.subList(0, 8);
        storm = seeded.subList(8, 14);
        latency = seeded.subList(14, 20);
        outage = seeded.subList(20, 28);
    }

    @AfterEach
    void clearFaults() {
        demo.sandbox.faults().clearAll();
    }

    @AfterAll
    void stop() {
        if (demo != null) {
            demo.close();
        }
        databases.values().forEach(TestDatabase::close);
    }

    @Test
    void aFifthOfVendorCallsFailingEndsEveryEventWrittenBlockedOrFailedWithAReason() {
        FaultStats greenhouseBefore = faults("/greenhouse").stats();
        FaultStats aiBefore = faults("/ai").stats();
        faults("/greenhouse").failFraction(0.2, SEED);
        faults("/ai").failFraction(0.2, SEED + 1);

        serverErrors.forEach(s -> demo.moveToTriggerStage(s.applicationId()));
        Map<Long, LoopCaseRow> cases = awaitSettled(serverErrors, Duration.ofMinutes(4));

        assertThat(injected(greenhouseBefore, faults("/greenhouse").stats(), FaultKind.SERVER_ERROR))
                .as("5xx injected on /greenhouse").isPositive();
        assertThat(injected(aiBefore, faults("/ai").stats(), FaultKind.SERVER_ERROR))
                .as("5xx injected on /ai").isPositive();
        assertEveryEventEnded(serverErrors, cases);
    }

    @Test
    void aRateLimitStormDuringWriteBacksIsWaitedOutWithoutDeadLetters() {
        long arrivalBefore = lastArrival();
        FaultStats before = faults("/greenhouse").stats();
        storm.forEach(s -> demo.moveToTriggerStage(s.applicationId()));
        // Start the storm when the first interview exists: its result is about to be written back.
        awaitTrue("the first interview of the batch is created", Duration.ofSeconds(60),
                () -> !interviewsByApplication(storm).isEmpty());
        faults("/greenhouse").rateLimitStorm(40, Duration.ofSeconds(2));

        Map<Long, LoopCaseRow> cases = awaitSettled(storm, Duration.ofMinutes(3));

        assertThat(injected(before, faults("/greenhouse").stats(), FaultKind.RATE_LIMIT_STORM))
                .as("429s answered by /greenhouse").isEqualTo(40);
        assertEveryEventEnded(storm, cases);
        assertAllWrittenOrBlocked(storm, cases);
        assertThat(inbox()).filteredOn(e -> e.arrival() > arrivalBefore && e.status().equals("FAILED"))
                .as("dead letters after the storm").isEmpty();
    }

    @Test
    void twoSecondsOfLatencyOnEveryCallStillWritesEveryResult() {
        FaultStats before = faults("/greenhouse").stats();
        faults("/greenhouse").latency(Duration.ofSeconds(2));
        faults("/ai").latency(Duration.ofSeconds(2));

        latency.forEach(s -> demo.moveToTriggerStage(s.applicationId()));
        Map<Long, LoopCaseRow> cases = awaitSettled(latency, Duration.ofMinutes(3));

        assertThat(injected(before, faults("/greenhouse").stats(), FaultKind.LATENCY)).as("delayed /greenhouse requests").isPositive();
        assertEveryEventEnded(latency, cases);
        assertAllWrittenOrBlocked(latency, cases);
    }

    @Test
    void aSixtySecondGreenhouseOutageDelaysButLosesNothing() {
        FaultStats before = faults("/greenhouse").stats();
        // Half of the batch has its interview under way when Greenhouse goes down, the other half has
        // only just entered the stage: both the stage-change step and the write-back meet the outage.
        List<DemoScenario.Seeded> early = outage.subList(0, 4);
        List<DemoScenario.Seeded> late = outage.subList(4, outage.size());
        early.forEach(s -> demo.moveToTriggerStage(s.applicationId()));
        awaitTrue("the first interview of the batch is created", Duration.ofSeconds(60),
                () -> !interviewsByApplication(early).isEmpty());
        late.forEach(s -> demo.moveToTriggerStage(s.applicationId()));
        Instant upAgain = Instant.now().plusSeconds(60);
        faults("/greenhouse").downUntil(OutageMode.UNAVAILABLE, upAgain);

        Map<Long, LoopCaseRow> cases = awaitSettled(outage, Duration.ofMinutes(3));

        assertThat(Instant.now()).as("settled only after the outage").isAfter(upAgain);
        assertThat(injected(before, faults("/greenhouse").stats(), FaultKind.OUTAGE)).as("requests refused during the outage")
                .isPositive();
        assertEveryEventEnded(outage, cases);
        assertAllWrittenOrBlocked(outage, cases);
    }

    /** The promise, for one batch: every stage change ended, with a reason when it failed; no duplicates. */
    private void assertEveryEventEnded(List<DemoScenario.Seeded> batch, Map<Long, LoopCaseRow> cases) {
        assertThat(cases).as("one case per moved application").hasSize(batch.size());
        List<InboxRow> inbox = inbox();
        assertThat(inbox).as("inbox events still under way").noneMatch(e -> e.status().equals("PENDING")
                || e.status().equals("IN_PROGRESS"));
        assertThat(inbox).filteredOn(e -> e.status().equals("FAILED"))
                .as("dead letters carry their reason").allSatisfy(e -> assertThat(e.outcome()).isNotBlank());
        Map<String, List<Interview>> interviews = interviewsByApplication(batch);
        for (DemoScenario.Seeded seeded : batch) {
            LoopCaseRow row = cases.get(seeded.applicationId());
            List<Interview> ofApplication = interviews.getOrDefault(row.applicationId(), List.of());
            int notes = demo.sandbox.greenhouse().notes(seeded.candidateId()).size();
            String what = "application " + seeded.applicationId() + " (" + row + ")";
            assertThat(row.status()).as(what).isIn(SETTLED);
            assertThat(ofApplication).as("interviews of " + what).hasSizeLessThanOrEqualTo(1);
            assertThat(notes).as("notes of " + what).isLessThanOrEqualTo(1);
            switch (row.status()) {
                case "WRITTEN" -> {
                    assertThat(ofApplication).as("interviews of " + what).hasSize(1);
                    assertThat(notes).as("notes of " + what).isEqualTo(1);
                    assertThat(demo.sandbox.greenhouse().customFieldValue(CustomFieldScope.CANDIDATE, seeded.candidateId(),
                            "ai_match_score")).as("score of " + what).isNotNull();
                }
                case "CONSENT_BLOCKED" -> {
                    assertThat(seeded.jurisdiction()).as(what).isEqualTo(IL);
                    assertThat(ofApplication).as("interviews of " + what).isEmpty();
                    // At most the recruiter's notice that the interview was not started (a fault may dead-letter it).
                    assertThat(demo.sandbox.greenhouse().notes(seeded.candidateId())).as("notes of " + what)
                            .allSatisfy(note -> assertThat(note.body()).contains("AI interview not started"));
                }
                default -> assertThat(row.detail()).as("why " + what + " failed").isNotBlank();
            }
            if (seeded.jurisdiction().equals(IL)) {
                assertThat(row.status()).as(what).isIn("CONSENT_BLOCKED", "FAILED");
            }
        }
    }

    /** Faults the engine is built to wait out: every New York candidate written, every Illinois one blocked. */
    private static void assertAllWrittenOrBlocked(List<DemoScenario.Seeded> batch, Map<Long, LoopCaseRow> cases) {
        for (DemoScenario.Seeded seeded : batch) {
            assertThat(cases.get(seeded.applicationId()).status()).as("application %s", seeded.applicationId())
                    .isEqualTo(seeded.jurisdiction().equals(IL) ? "CONSENT_BLOCKED" : "WRITTEN");
        }
    }

    /**
     * Waits until every application of the batch has a settled case and the tenant's inbox has nothing
     * pending or in progress; fails with the state seen when that does not happen within {@code limit}
     * or nothing moves any more.
     */
    private Map<Long, LoopCaseRow> awaitSettled(List<DemoScenario.Seeded> batch, Duration limit) {
        long started = System.nanoTime();
        long deadline = started + limit.toNanos();
        String last = "";
        long lastChange = System.nanoTime();
        while (true) {
            Map<Long, LoopCaseRow> cases = cases(batch);
            List<InboxRow> inbox = inbox();
            boolean inboxIdle = inbox.stream().noneMatch(e -> e.status().equals("PENDING") || e.status().equals("IN_PROGRESS"));
            boolean casesSettled = cases.size() == batch.size()
                    && cases.values().stream().allMatch(c -> SETTLED.contains(c.status()));
            if (inboxIdle && casesSettled) {
                // For the reader of the test output: how the batch ended and what the vendors saw.
                System.out.printf("batch of %d settled after %d ms: cases %s; attempts used %s; faults /greenhouse %s, /ai %s%n",
                        batch.size(), Duration.ofNanos(System.nanoTime() - started).toMillis(),
                        cases.values().stream().collect(Collectors.groupingBy(LoopCaseRow::status, Collectors.counting())),
                        inbox.stream().collect(Collectors.groupingBy(InboxRow::attempts, Collectors.counting())),
                        faults("/greenhouse").stats(), faults("/ai").stats());
                return cases;
            }
            String now = cases.values() + " " + inbox.stream().map(e -> e.id() + e.status() + e.attempts()).toList();
            if (!now.equals(last)) {
                last = now;
                lastChange = System.nanoTime();
            }
            boolean stalled = System.nanoTime() - lastChange > STALL.toNanos();
            if (System.nanoTime() > deadline || stalled) {
                throw new AssertionError((stalled ? "nothing moved for " + STALL.toSeconds() + " s" : "not settled within "
                        + limit.toSeconds() + " s") + ": batch " + batch + "; cases " + cases.values() + "; unfinished inbox events "
                        + inbox.stream().filter(e -> !e.status().equals("DONE") && !e.status().equals("IGNORED")).toList()
                        + "; loop " + demo.platform.service("adapter").context().getBean(LoopReport.class)
                        .summarize(DemoScenario.TENANT));
            }
            Await.pause(Duration.ofMillis(250));
        }
    }

    /** The batch's loop cases by Greenhouse application id. */
    private Map<Long, LoopCaseRow> cases(List<DemoScenario.Seeded> batch) {
        Set<String> ids = batch.stream().map(s -> String.valueOf(s.applicationId())).collect(Collectors.toSet());
        List<LoopCaseRow> rows = query("SELECT application_external_id, application_id, status, detail FROM loop_case "
                + "WHERE tenant_id = ? AND ats_connection_id = ?", rs -> new LoopCaseRow(rs.getString(1), rs.getString(2),
                rs.getString(3), rs.getString(4)), DemoScenario.TENANT, DemoScenario.ATS_CONNECTION);
        Map<Long, LoopCaseRow> byApplication = new HashMap<>();
        for (LoopCaseRow row : rows) {
            if (ids.contains(row.applicationExternalId())) {
                LoopCaseRow previous = byApplication.put(Long.parseLong(row.applicationExternalId()), row);
                assertThat(previous).as("a second case for application %s", row.applicationExternalId()).isNull();
            }
        }
        return byApplication;
    }

    /** The tenant's inbox events, oldest first. */
    private List<InboxRow> inbox() {
        return query("SELECT arrival, id, connection_id, event_type, status, attempts, outcome FROM inbox_event "
                + "WHERE tenant_id = ? ORDER BY arrival", rs -> new InboxRow(rs.getLong(1), rs.getString(2), rs.getString(3),
                rs.getString(4), rs.getString(5), rs.getInt(6), rs.getString(7)), DemoScenario.TENANT);
    }

    private long lastArrival() {
        return inbox().stream().mapToLong(InboxRow::arrival).max().orElse(0);
    }

    private <T> List<T> query(String sql, RowReader<T> reader, Object... parameters) {
        try (Connection connection = databases.get("adapter").connect();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            List<T> rows = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    rows.add(reader.read(rs));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new AssertionError("cannot read the adapter's database: " + e.getMessage(), e);
        }
    }

    /** The AI vendor's interviews of the batch's applications, by canonical application id (the metadata the adapter sends). */
    private Map<String, List<Interview>> interviewsByApplication(List<DemoScenario.Seeded> batch) {
        Set<String> canonical = cases(batch).values().stream().map(LoopCaseRow::applicationId).collect(Collectors.toSet());
        return demo.sandbox.aiVendor().interviews().stream()
                .filter(i -> canonical.contains(i.metadata().get("application_id")))
                .collect(Collectors.groupingBy(i -> i.metadata().get("application_id")));
    }

    private VendorFaults faults(String prefix) {
        return demo.sandbox.faults().on(prefix);
    }

    private static long injected(FaultStats before, FaultStats after, FaultKind kind) {
        return after.faults(kind) - before.faults(kind);
    }

    private static void awaitTrue(String what, Duration limit, java.util.function.BooleanSupplier condition) {
        Await.until(what, limit, condition, () -> "");
    }


    @FunctionalInterface
    private interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /** One loop_case row: the Greenhouse application id, the canonical one, where it stands and why. */
    private record LoopCaseRow(String applicationExternalId, String applicationId, String status, @Nullable String detail) {
    }

    /** One inbox_event row. */
    private record InboxRow(long arrival, String id, String connectionId, String eventType, String status, int attempts,
                            @Nullable String outcome) {
    }
}
