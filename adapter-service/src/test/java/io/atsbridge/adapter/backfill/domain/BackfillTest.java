package io.atsbridge.adapter.backfill.domain;

import io.atsbridge.adapter.engine.domain.ApplicationStates;
import io.atsbridge.adapter.engine.domain.LoopCase;
import io.atsbridge.adapter.engine.sync.LoopFixture;
import io.atsbridge.platform.error.DomainException;
import io.atsbridge.sandbox.greenhouse.GreenhouseSimulator;
import io.atsbridge.sandbox.greenhouse.NewCandidate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Backfill against the Greenhouse simulator over real HTTP on a real database: a full pass lists every
 * open application page by page and enqueues those in the trigger stage (which the loop then runs like
 * webhooks), a stopped pass resumes from its checkpoint without listing or enqueueing twice, a later
 * full pass marks applications no longer open as gone, and incremental passes list only what changed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BackfillTest {

    private static final int APPLICATIONS = 230;

    private LoopFixture fixture;
    private GreenhouseSimulator greenhouse;
    private BackfillRunner runner;
    private Backfills backfills;
    private final List<Long> triggered = new ArrayList<>();
    private final List<Long> others = new ArrayList<>();

    @BeforeAll
    void start() throws Exception {
        fixture = new LoopFixture("adapter_backfill", Map.of(
                "atsbridge.adapter.backfill.enabled", "false",
                "atsbridge.adapter.backfill.page-size", "25",
                // Everything here happens within a minute: no overlap, so incremental passes show their bound.
                "atsbridge.adapter.backfill.incremental-overlap", "0s"));
        greenhouse = fixture.greenhouse;
        long review = fixture.job.stageNamed("Application Review").orElseThrow().id();
        long interview = fixture.job.stageNamed("AI Interview").orElseThrow().id();
        for (int i = 0; i < APPLICATIONS; i++) {
            long candidate = greenhouse.addCandidate(NewCandidate.builder("Cand", "Number" + i)
                    .email("backfill" + i + "@example.com").build());
            // Every 10th application sits in the trigger stage without anyone having sent its webhook.
            boolean inTrigger = i % 10 == 0;
            long application = greenhouse.addApplication(candidate, fixture.job.id(), inTrigger ? interview : review, "active");
            (inTrigger ? triggered : others).add(application);
        }
        runner = fixture.context.getBean(BackfillRunner.class);
        backfills = fixture.context.getBean(Backfills.class);
    }

    @AfterAll
    void stop() throws Exception {
        fixture.close();
    }

    @Test
    void aStoppedPassResumesFromItsCheckpointAndEnqueuesEachTriggeredApplicationOnce() throws Exception {
        Backfills.Backfill pass = runner.start("acme", "gh-acme", Backfills.Mode.FULL);
        assertThatThrownBy(() -> runner.start("acme", "gh-acme", null))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.reason()).isEqualTo("BACKFILL_RUNNING"));

        // Stop it once a few pages are committed; the runner stops at its next checkpoint.
        CompletableFuture<Integer> running = CompletableFuture.supplyAsync(runner::runPending);
        awaitPages(pass.id(), 3);
        assertThat(backfills.stop("acme", pass.id(), java.time.Instant.now())).isTrue();
        running.get(60, TimeUnit.SECONDS);
        Backfills.Backfill stopped = backfills.find("acme", pass.id()).orElseThrow();
        assertThat(stopped.status()).isEqualTo(Backfills.Status.STOPPED);
        assertThat(stopped.pages()).isBetween(3, 9);
        assertThat(stopped.seen()).isLessThan(APPLICATIONS);
        assertThat(runner.runPending()).as("a stopped pass is not taken").isZero();

        assertThat(backfills.resume("acme", pass.id(), java.time.Instant.now())).isTrue();
        assertThat(runner.runPending()).isEqualTo(1);
        Backfills.Backfill done = backfills.find("acme", pass.id()).orElseThrow();
        assertThat(done.status()).isEqualTo(Backfills.Status.DONE);
        // Resumed from the checkpoint: every application listed once, ten pages of 25 (the last one short).
        assertThat(done.seen()).isEqualTo(APPLICATIONS);
        assertThat(done.pages()).isEqualTo((APPLICATIONS + 24) / 25);
        assertThat(done.enqueued()).isEqualTo(triggered.size());
        assertThat(done.gone()).isZero();

        // The loop runs the enqueued applications like webhooks: one interview each.
        fixture.worker.drain(Duration.ofSeconds(120));
        String interviewStage = Long.toString(fixture.job.stageNamed("AI Interview").orElseThrow().id());
        for (long application : triggered) {
            LoopCase loopCase = fixture.cases.findByTrigger("gh-acme", Long.toString(application), interviewStage)
                    .orElseThrow(() -> new AssertionError("no case for application " + application));
            assertThat(loopCase.interviewId()).isNotNull();
        }
        assertThat(countCases()).isEqualTo(triggered.size());

        // A second full pass enqueues nothing new and finds the applications rejected meanwhile gone.
        greenhouse.rejectApplication(others.get(0));
        greenhouse.rejectApplication(others.get(1));
        Backfills.Backfill second = runner.start("acme", "gh-acme", Backfills.Mode.FULL);
        runner.runPending();
        Backfills.Backfill secondDone = backfills.find("acme", second.id()).orElseThrow();
        assertThat(secondDone.status()).isEqualTo(Backfills.Status.DONE);
        assertThat(secondDone.seen()).isEqualTo(APPLICATIONS - 2);
        assertThat(secondDone.enqueued()).isZero();
        assertThat(secondDone.gone()).isEqualTo(2);
        ApplicationStates states = fixture.context.getBean(ApplicationStates.class);
        assertThat(states.find("gh-acme", Long.toString(others.get(0))).orElseThrow().open()).isFalse();
        assertThat(states.find("gh-acme", Long.toString(others.get(2))).orElseThrow().open()).isTrue();

        // An incremental pass (the default after a finished one) lists only what changed since.
        long interview = fixture.job.stageNamed("AI Interview").orElseThrow().id();
        greenhouse.moveApplication(others.get(5), interview, fixture.recruiter.id());
        Backfills.Backfill incremental = runner.start("acme", "gh-acme", null);
        assertThat(incremental.mode()).isEqualTo(Backfills.Mode.INCREMENTAL);
        runner.runPending();
        Backfills.Backfill incrementalDone = backfills.find("acme", incremental.id()).orElseThrow();
        assertThat(incrementalDone.status()).isEqualTo(Backfills.Status.DONE);
        assertThat(incrementalDone.seen()).isLessThan(APPLICATIONS / 2);
        assertThat(incrementalDone.enqueued()).isEqualTo(1);
        assertThat(fixture.worker.drain(Duration.ofSeconds(60))).isPositive();
        assertThat(fixture.cases.findByTrigger("gh-acme", Long.toString(others.get(5)), interviewStage)).isPresent();
        assertThat(countCases()).isEqualTo(triggered.size() + 1);
    }

    private long countCases() {
        return fixture.database.count("loop_case");
    }

    private void awaitPages(String backfillId, int pages) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (backfills.find("acme", backfillId).orElseThrow().pages() < pages) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("backfill did not reach " + pages + " pages");
            }
            Thread.sleep(5);
        }
    }
}
