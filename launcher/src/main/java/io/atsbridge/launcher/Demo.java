package io.atsbridge.launcher;

import io.atsbridge.adapter.engine.domain.LoopCaseStatus;
import io.atsbridge.adapter.engine.sync.LoopReport;
import io.atsbridge.sandbox.aivendor.Interview;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar atsbridge.jar demo [--exit]}: everything plus the sandbox vendors, a pilot of 50
 * synthetic candidates moved into the "AI Interview" stage, and a summary of what the loop did.
 */
final class Demo {

    static final int CANDIDATES = 50;
    private static final double ILLINOIS_SHARE = 0.2;
    private static final long SEED = 42;
    private static final Duration SETTLE_WITHIN = Duration.ofMinutes(3);

    private Demo() {
    }

    static void run(Path dataDir, Map<String, String> environment, boolean exit) throws InterruptedException {
        long started = System.nanoTime();
        int sandboxPort = Integer.parseInt(environment.getOrDefault("SANDBOX_HTTP_PORT", "9180"));
        DemoEnvironment demo;
        try {
            demo = DemoEnvironment.start(dataDir, environment, DemoScenario.jurisdictions(CANDIDATES, ILLINOIS_SHARE, SEED),
                    SEED, sandboxPort, false, Map.of(), Duration.ofMillis(500));
        } catch (EmbeddedPlatform.StartupException e) {
            System.err.println(e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = Launcher.stopOnShutdown(demo, "atsbridge demo stopped");
        Launcher.printServices("atsbridge demo", dataDir, started, demo.platform);
        System.out.printf("  %-17s %-4s %s (Greenhouse at %s, AI vendor at %s)%n", "sandbox", "http", demo.sandbox.baseUrl(),
                demo.sandbox.greenhouseBaseUrl(), demo.sandbox.aiVendorBaseUrl());
        System.out.printf("Moving %d candidates into \"%s\" in the sandbox Greenhouse (Harvest limit %d requests per 10 s) ...%n",
                CANDIDATES, DemoScenario.TRIGGER_STAGE, DemoEnvironment.GREENHOUSE_RATE_LIMIT);

        for (DemoScenario.Seeded seeded : demo.scenario.seeded) {
            demo.moveToTriggerStage(seeded.applicationId());
        }
        LoopReport report = demo.platform.service("adapter").context().getBean(LoopReport.class);
        LoopReport.Summary summary = awaitSettled(report);
        print(summary, demo.sandbox.aiVendor().interviews());

        if (exit) {
            System.exit(settled(summary) == CANDIDATES ? 0 : 1);
        }
        System.out.println("Still running so you can look around (operator token in "
                + dataDir.resolve("operator.token").toAbsolutePath() + "); Ctrl-C stops.");
        stopped.await();
    }

    private static LoopReport.Summary awaitSettled(LoopReport report) throws InterruptedException {
        long deadline = System.nanoTime() + SETTLE_WITHIN.toNanos();
        LoopReport.Summary summary = report.summarize(DemoScenario.TENANT);
        while (settled(summary) < CANDIDATES && System.nanoTime() < deadline) {
            Thread.sleep(250);
            summary = report.summarize(DemoScenario.TENANT);
        }
        return summary;
    }

    private static long settled(LoopReport.Summary summary) {
        return count(summary, LoopCaseStatus.WRITTEN) + count(summary, LoopCaseStatus.CONSENT_BLOCKED)
                + count(summary, LoopCaseStatus.FAILED);
    }

    private static long count(LoopReport.Summary summary, LoopCaseStatus status) {
        return summary.casesByStatus().getOrDefault(status, 0L);
    }

    private static void print(LoopReport.Summary summary, List<Interview> interviews) {
        long completed = interviews.stream().filter(i -> i.result() != null).count();
        long failedEvents = summary.eventsByStatus().getOrDefault(io.atsbridge.adapter.engine.domain.EventStatus.FAILED, 0L);
        System.out.println();
        System.out.println("Pilot summary (" + CANDIDATES + " candidates)");
        System.out.printf("  invited to an AI interview   %3d%n", interviews.size());
        System.out.printf("  interviews completed         %3d%n", completed);
        System.out.printf("  results written back         %3d%n", count(summary, LoopCaseStatus.WRITTEN));
        System.out.printf("  blocked by consent           %3d%n", count(summary, LoopCaseStatus.CONSENT_BLOCKED));
        System.out.printf("  failed                       %3d  (cases; %d inbox events failed)%n",
                count(summary, LoopCaseStatus.FAILED), failedEvents);
        long unsettled = CANDIDATES - settled(summary);
        if (unsettled > 0) {
            System.out.printf("  still in progress            %3d  (not settled within %d s)%n", unsettled, SETTLE_WITHIN.toSeconds());
        }
        // Both are null together, when nothing was written back.
        Duration median = summary.medianWriteLatency();
        Duration worst = summary.worstWriteLatency();
        if (median != null && worst != null) {
            System.out.printf("  webhook to write-back        median %d ms, worst %d ms%n", median.toMillis(), worst.toMillis());
        }
        System.out.println();
    }
}
