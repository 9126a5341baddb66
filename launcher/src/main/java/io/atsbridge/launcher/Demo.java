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
 * {@code java -jar atsbridge.jar demo [--exit] [--mix]}: everything plus the sandbox vendors, a pilot of 50
 * synthetic candidates moved into the "AI Interview" stage, and a summary of what the loop did. With {@code --mix} the
 * pilot is realistic: {@value #MIX_DECLINE} candidates decline, {@value #MIX_ABANDON} never finish, {@value #MIX_OPEN}
 * never start (invitations expire after {@code MIX_EXPIRY}), and the AI vendor is down for its first
 * {@value #MIX_OUTAGE} requests; every candidate is accounted for in the summary.
 */
final class Demo {

    static final int CANDIDATES = 50;
    private static final double ILLINOIS_SHARE = 0.2;
    private static final long SEED = 42;
    private static final Duration SETTLE_WITHIN = Duration.ofMinutes(3);
    static final int MIX_DECLINE = 4;
    static final int MIX_ABANDON = 2;
    static final int MIX_OPEN = 3;
    static final int MIX_OUTAGE = 3;
    private static final Duration MIX_EXPIRY = Duration.ofSeconds(20);
    /** The endings a case can settle in: a result written, or an ending the recruiter was told about. */
    private static final List<LoopCaseStatus> SETTLED = List.of(LoopCaseStatus.WRITTEN, LoopCaseStatus.CONSENT_BLOCKED,
            LoopCaseStatus.FAILED, LoopCaseStatus.DECLINED, LoopCaseStatus.EXPIRED, LoopCaseStatus.ABANDONED,
            LoopCaseStatus.CANCELLED);

    private Demo() {
    }

    static void run(Path dataDir, Map<String, String> environment, boolean exit, boolean mix) throws InterruptedException {
        long started = System.nanoTime();
        int sandboxPort = Integer.parseInt(environment.getOrDefault("SANDBOX_HTTP_PORT", "9180"));
        DemoEnvironment demo;
        try {
            demo = DemoEnvironment.start(dataDir, environment, DemoScenario.jurisdictions(CANDIDATES, ILLINOIS_SHARE, SEED),
                    SEED, sandboxPort, false, mix ? Map.of("adapter", Map.of(
                            "atsbridge.adapter.worker.invitation-expiry", MIX_EXPIRY.toSeconds() + "s",
                            "atsbridge.adapter.worker.expiry-check", "2s")) : Map.of(), Duration.ofMillis(500));
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

        if (mix) {
            demo.sandbox.aiVendor().endNextInterviews(MIX_DECLINE, "interview.declined", "candidate_declined");
            demo.sandbox.aiVendor().endNextInterviews(MIX_ABANDON, "interview.failed", "technical_error");
            demo.sandbox.aiVendor().leaveNextInterviewsOpen(MIX_OPEN);
            // An outage: the vendor answers 503 for a while; the invitations are retried and go through.
            demo.sandbox.aiVendor().failNextRequests(MIX_OUTAGE, 503);
        }
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
        return SETTLED.stream().mapToLong(status -> count(summary, status)).sum();
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
        System.out.printf("  declined by the candidate    %3d%n", count(summary, LoopCaseStatus.DECLINED));
        System.out.printf("  expired (never completed)    %3d%n", count(summary, LoopCaseStatus.EXPIRED));
        System.out.printf("  abandoned or failed at vendor %2d%n", count(summary, LoopCaseStatus.ABANDONED));
        System.out.printf("  cancelled by the vendor      %3d%n", count(summary, LoopCaseStatus.CANCELLED));
        System.out.printf("  failed                       %3d  (cases; %d inbox events failed)%n",
                count(summary, LoopCaseStatus.FAILED), failedEvents);
        System.out.println("  every candidate not written has a note on their Greenhouse record saying what happened");
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
