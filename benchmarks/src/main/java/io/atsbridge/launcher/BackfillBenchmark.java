package io.atsbridge.launcher;

import io.atsbridge.adapter.backfill.domain.BackfillRunner;
import io.atsbridge.adapter.backfill.domain.Backfills;
import io.atsbridge.adapter.engine.domain.InboxEvent;
import io.atsbridge.sandbox.Sandbox;
import io.atsbridge.sandbox.SandboxSettings;
import io.atsbridge.sandbox.greenhouse.GreenhouseSimulator;
import io.atsbridge.sandbox.greenhouse.NewCandidate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Backfill of N open applications (issue 5), stopped halfway and resumed by a restarted platform: the
 * second half continues from the checkpoint, every application is listed once, and each application
 * sitting in the trigger stage (every tenth) is enqueued exactly once.
 *
 * <p>{@code benchmarks/run io.atsbridge.launcher.BackfillBenchmark [applications]} (default 5000). One process,
 * embedded H2 files that survive the restart, Harvest v3 with cursor paging (100 per page), the sandbox
 * Greenhouse limited to 200 requests per 10 s. The inbox worker is off: this measures the backfill alone.
 */
public final class BackfillBenchmark {

    private BackfillBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        java.util.TimeZone.setDefault(java.util.TimeZone.getTimeZone("UTC"));
        int applications = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        Path dataDir = Files.createTempDirectory("atsbridge-backfill");
        try (Sandbox sandbox = Sandbox.start(SandboxSettings.builder()
                .greenhouseRateLimit(DemoEnvironment.GREENHOUSE_RATE_LIMIT).build())) {
            DemoScenario scenario = new DemoScenario(sandbox, List.of(), 11);
            GreenhouseSimulator greenhouse = sandbox.greenhouse();
            long review = scenario.job.stageNamed("Application Review").orElseThrow().id();
            int triggered = 0;
            for (int i = 0; i < applications; i++) {
                long candidate = greenhouse.addCandidate(NewCandidate.builder("Backfill", "Candidate" + i)
                        .email("backfill." + i + "@example.com").build());
                boolean inTrigger = i % 10 == 0;
                greenhouse.addApplication(candidate, scenario.job.id(), inTrigger ? scenario.triggerStageId : review, "active");
                triggered += inTrigger ? 1 : 0;
            }
            Map<String, String> adapter = new HashMap<>(scenario.connectionProperties());
            adapter.put("atsbridge.adapter.worker.enabled", "false");
            adapter.put("atsbridge.adapter.backfill.enabled", "false");
            adapter.put("atsbridge.adapter.backfill.page-size", "100");
            LaunchOptions options = new LaunchOptions(dataDir, Map.of(), Map.of("adapter", adapter), true);

            String backfillId;
            long firstHalfNanos;
            Backfills.Backfill stopped;
            try (EmbeddedPlatform platform = EmbeddedPlatform.start(options)) {
                BackfillRunner runner = platform.service("adapter").context().getBean(BackfillRunner.class);
                Backfills backfills = platform.service("adapter").context().getBean(Backfills.class);
                long start = System.nanoTime();
                backfillId = runner.start(DemoScenario.TENANT, DemoScenario.ATS_CONNECTION, Backfills.Mode.FULL).id();
                CompletableFuture<Integer> run = CompletableFuture.supplyAsync(runner::runPending);
                int half = (applications / 100) / 2;
                while (backfills.find(DemoScenario.TENANT, backfillId).orElseThrow().pages() < half) {
                    Thread.sleep(2);
                }
                backfills.stop(DemoScenario.TENANT, backfillId, Instant.now());
                run.get(10, TimeUnit.MINUTES);
                firstHalfNanos = System.nanoTime() - start;
                stopped = backfills.find(DemoScenario.TENANT, backfillId).orElseThrow();
            }
            // A new platform on the same data directory: the pass is resumed from its checkpoint.
            long secondHalfNanos;
            Backfills.Backfill done;
            try (EmbeddedPlatform platform = EmbeddedPlatform.start(options)) {
                BackfillRunner runner = platform.service("adapter").context().getBean(BackfillRunner.class);
                Backfills backfills = platform.service("adapter").context().getBean(Backfills.class);
                long start = System.nanoTime();
                backfills.resume(DemoScenario.TENANT, backfillId, Instant.now());
                runner.runPending();
                secondHalfNanos = System.nanoTime() - start;
                done = backfills.find(DemoScenario.TENANT, backfillId).orElseThrow();
            }
            long inboxEvents = countBackfillEvents(dataDir);
            double seconds = (firstHalfNanos + secondHalfNanos) / 1e9;
            System.out.println("| applications | pages (100) | stopped after | resumed, listed | status | seen | enqueued | in trigger stage | inbox events | total s | applications/s | Harvest 429s |");
            System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|");
            System.out.printf("| %d | %d | %d pages, %d seen, %.1f s | %d pages, %.1f s | %s | %d | %d | %d | %d | %.1f | %.0f | %d |%n",
                    applications, done.pages(), stopped.pages(), stopped.seen(), firstHalfNanos / 1e9,
                    done.pages() - stopped.pages(), secondHalfNanos / 1e9, done.status(), done.seen(), done.enqueued(),
                    triggered, inboxEvents, seconds, applications / seconds, greenhouse.rateLimitStats().throttled());
        }
        System.exit(0);
    }

    /** Backfill events in the adapter's H2 inbox, read after the platform stopped. */
    private static long countBackfillEvents(Path dataDir) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + dataDir.resolve("adapter").toAbsolutePath()
                + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH", "sa", "");
             ResultSet rows = c.createStatement().executeQuery(
                     "SELECT COUNT(*) FROM inbox_event WHERE vendor_event_type = '" + InboxEvent.BACKFILL_TYPE + "'")) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
