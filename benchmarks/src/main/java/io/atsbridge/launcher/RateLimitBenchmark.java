package io.atsbridge.launcher;

import io.atsbridge.adapter.engine.domain.EventStatus;
import io.atsbridge.adapter.engine.domain.LoopCaseStatus;
import io.atsbridge.adapter.engine.sync.LoopReport;
import io.atsbridge.sandbox.greenhouse.RateLimitStats;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Rate-limit use of the write-back (issue 5): N AI results written back through the sandbox Greenhouse
 * limited to 200 Harvest requests per 10 s. The connection's governor should keep the engine just under
 * the limit: no 429 at all, and at least 90 % of the allowed rate used while write-backs are waiting.
 *
 * <p>{@code benchmarks/run io.atsbridge.launcher.RateLimitBenchmark [results]} (default 500). Everything runs in
 * one process on embedded H2, Harvest v3. The allowed rate is counted over the busy period: from the first
 * to the last second in which Harvest answered anything, sampled every second.
 */
public final class RateLimitBenchmark {

    private RateLimitBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        java.util.TimeZone.setDefault(java.util.TimeZone.getTimeZone("UTC"));
        int results = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        Path dataDir = Files.createTempDirectory("atsbridge-ratelimit");
        List<String> jurisdictions = Collections.nCopies(results, "US-NY-NYC");
        try (DemoEnvironment demo = DemoEnvironment.start(dataDir, Map.of(), jurisdictions, 7, 0, true,
                Map.of("adapter", Map.of("atsbridge.adapter.worker.threads", "4")), Duration.ofMillis(100))) {
            LoopReport report = demo.platform.service("adapter").context().getBean(LoopReport.class);
            var greenhouse = demo.sandbox.greenhouse();
            greenhouse.resetRateLimitStats();
            long started = System.nanoTime();
            for (DemoScenario.Seeded seeded : demo.scenario.seeded) {
                demo.moveToTriggerStage(seeded.applicationId());
            }
            List<long[]> samples = new ArrayList<>(); // {elapsed ms, requests so far}
            LoopReport.Summary summary = report.summarize(DemoScenario.TENANT);
            long deadline = System.nanoTime() + Duration.ofMinutes(20).toNanos();
            while (settled(summary) < results && System.nanoTime() < deadline) {
                Thread.sleep(1000);
                samples.add(new long[] {(System.nanoTime() - started) / 1_000_000, greenhouse.rateLimitStats().requests()});
                summary = report.summarize(DemoScenario.TENANT);
            }
            RateLimitStats stats = greenhouse.rateLimitStats();
            samples.add(new long[] {(System.nanoTime() - started) / 1_000_000, stats.requests()});
            long first = -1;
            long last = -1;
            for (int i = 1; i < samples.size(); i++) {
                if (samples.get(i)[1] > samples.get(i - 1)[1]) {
                    if (first < 0) {
                        first = samples.get(i - 1)[0];
                    }
                    last = samples.get(i)[0];
                }
            }
            double busySeconds = (last - first) / 1000.0;
            double allowed = busySeconds / 10.0 * DemoEnvironment.GREENHOUSE_RATE_LIMIT;
            long written = summary.casesByStatus().getOrDefault(LoopCaseStatus.WRITTEN, 0L);
            long failed = summary.eventsByStatus().getOrDefault(EventStatus.FAILED, 0L);
            System.out.println("| results | written | failed events | Harvest requests | 429s | busy s | requests/10 s | use of 200/10 s | peak in one window |");
            System.out.println("|---|---|---|---|---|---|---|---|---|");
            System.out.printf("| %d | %d | %d | %d | %d | %.1f | %.1f | %.1f %% | %d |%n", results, written, failed,
                    stats.requests(), stats.throttled(), busySeconds, stats.requests() / busySeconds * 10,
                    100.0 * stats.requests() / allowed, stats.peakRequestsPerWindow());
        }
        System.exit(0);
    }

    private static long settled(LoopReport.Summary summary) {
        return summary.casesByStatus().getOrDefault(LoopCaseStatus.WRITTEN, 0L)
                + summary.casesByStatus().getOrDefault(LoopCaseStatus.CONSENT_BLOCKED, 0L)
                + summary.casesByStatus().getOrDefault(LoopCaseStatus.FAILED, 0L);
    }
}
