package io.atsbridge.adapter.engine.sync;

import io.atsbridge.adapter.engine.domain.ClaimedEvent;
import io.atsbridge.adapter.engine.domain.EventStatus;
import io.atsbridge.adapter.engine.domain.InboxQueue;
import io.micronaut.runtime.event.ApplicationStartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Drives the loop: claims inbox events in arrival order (a short transaction with
 * {@code FOR UPDATE SKIP LOCKED} and a lease), processes each outside that transaction, and stores
 * the outcome — DONE, IGNORED, BLOCKED, or FAILED with the error — or, after a retryable failure, puts
 * the event back with an exponential, jittered "not before". Any number of threads and replicas may
 * run: an event is held by one claim at a time, and every step it takes can be repeated.
 *
 * <p>What a failure does is its kind's (see {@link SyncFailure}): a permanent one makes the event a dead letter
 * (FAILED) at once; a transient or unexpected one is retried up to {@code max-attempts} and then makes it a dead
 * letter; a deferred one waits without using an attempt. A dead letter's text ends with its
 * {@link FailureReason} in brackets, e.g. {@code [reason: UNEXPECTED]}.
 *
 * <p>Background threads start when the service starts ({@code atsbridge.adapter.worker.enabled}) and
 * stop with it; {@link #runOnce()} and {@link #drain} process synchronously, for tests and demos.
 */
@Singleton
public final class InboxWorker {

    private static final Logger LOG = LoggerFactory.getLogger(InboxWorker.class);
    private static final Duration MAX_IDLE_AFTER_ERROR = Duration.ofSeconds(5);

    private final InboxQueue queue;
    private final EventHandler processor;
    private final AuditRelay relay;
    private final WorkerSettings settings;
    private final Backoff backoff;
    private final List<Thread> threads = new ArrayList<>();
    private final Clock clock;
    private volatile boolean running;

    InboxWorker(InboxQueue queue, EventHandler processor, AuditRelay relay, WorkerSettings settings, Clock clock) {
        this.clock = clock;
        if (settings.batch() < 1 || settings.threads() < 1 || settings.maxAttempts() < 1) {
            throw new io.atsbridge.platform.startup.MissingConfigurationException("atsbridge.adapter.worker: batch "
                    + settings.batch() + ", threads " + settings.threads() + ", max-attempts " + settings.maxAttempts()
                    + " (expected: each at least 1)");
        }
        this.queue = queue;
        this.processor = processor;
        this.relay = relay;
        this.settings = settings;
        this.backoff = new Backoff(settings.backoffBase(), settings.backoffMax());
    }

    @EventListener
    void onStartup(ApplicationStartupEvent event) {
        if (settings.enabled()) {
            start();
        }
    }

    /** Starts the background threads (once). */
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        for (int i = 0; i < settings.threads(); i++) {
            Thread thread = new Thread(this::loop, "adapter-inbox-worker-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        LOG.info("inbox worker started: {} thread(s), batch {}, lease {}, {} attempts", settings.threads(),
                settings.batch(), settings.lease(), settings.maxAttempts());
    }

    /**
     * Stops the background threads: each finishes the event it is on (for up to 10 s, then it is
     * interrupted; an interrupted event is retried after its lease).
     */
    @PreDestroy
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        join(TimeUnit.SECONDS.toNanos(10));
        threads.forEach(Thread::interrupt);
        join(TimeUnit.SECONDS.toNanos(2));
        threads.clear();
        LOG.info("inbox worker stopped");
    }

    private void join(long nanos) {
        long deadline = System.nanoTime() + nanos;
        for (Thread thread : threads) {
            try {
                thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Whether background threads are running. */
    public boolean isRunning() {
        return running;
    }

    /**
     * Claims one batch, processes it and relays the audit records it produced.
     *
     * @return how many events were processed (0 when nothing was claimable or others took what was)
     */
    public int runOnce() {
        List<ClaimedEvent> claimed = queue.claim(settings.batch(), settings.lease(), clock.instant());
        int processed = 0;
        for (int i = 0; i < claimed.size(); i++) {
            ClaimedEvent event = claimed.get(i);
            // The first event's lease is fresh; the later ones waited while the earlier ones ran. Renew
            // before starting, and leave an event alone whose lease ran out and that another worker took.
            if (i > 0 && !queue.renew(event, settings.lease(), clock.instant())) {
                LOG.info("inbox event {} was claimed by another worker while waiting in this batch", event.id());
                continue;
            }
            process(event);
            processed++;
        }
        relay.relayPending();
        return processed;
    }

    /**
     * Runs batches until nothing is claimable now (events waiting for a retry time do not count) or the
     * timeout passes.
     *
     * @return how many events were processed
     */
    public int drain(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int total = 0;
        int processed;
        do {
            processed = runOnce();
            total += processed;
        } while (processed > 0 && System.nanoTime() < deadline);
        return total;
    }

    private void loop() {
        Duration idle = settings.pollInterval();
        while (running) {
            try {
                int processed = runOnce();
                idle = settings.pollInterval();
                if (processed == 0) {
                    sleep(idle);
                }
            } catch (RuntimeException e) {
                // The database is unreachable or similar: nothing was claimed or the claim stays leased.
                LOG.warn("inbox worker could not claim or finish events: {}", e.toString());
                idle = idle.multipliedBy(2).compareTo(MAX_IDLE_AFTER_ERROR) > 0 ? MAX_IDLE_AFTER_ERROR : idle.multipliedBy(2);
                sleep(idle);
            }
        }
    }

    private void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            // Only stop() interrupts, after clearing running, which the loop checks next.
        }
    }

    private void process(ClaimedEvent event) {
        boolean last = event.attempts() >= settings.maxAttempts();
        Outcome outcome;
        try {
            outcome = processor.process(event, last);
        } catch (RuntimeException e) {
            SyncFailure failure = Failures.classify("processing " + event.vendorEventType(), e);
            Instant now = clock.instant();
            if (failure.deferred() && failure.notBefore().isPresent()) {
                // Allowed from a known moment (a notice period running): wait until exactly then, and say so in the log.
                Instant notBefore = failure.notBefore().get();
                String text = "held until " + notBefore + " (attempt not counted): " + failure.getMessage();
                if (!queue.hold(event, notBefore, text, failure.audit(), now)) {
                    LOG.warn("inbox event {} was claimed again before attempt {} ended", event.id(), event.attempts());
                }
                LOG.info("inbox event {} ({}): {}", event.id(), event.connectionId(), text);
                return;
            }
            if (failure.deferred()) {
                // The vendor's connection is paused (circuit open or rate limit): wait without using an attempt.
                Duration wait = failure.retryAfter().orElse(settings.backoffBase());
                Duration jittered = wait.plusMillis(java.util.concurrent.ThreadLocalRandom.current()
                        .nextLong(Math.max(1, wait.toMillis() / 5 + 1)));
                String text = "deferred for " + jittered.toMillis() + " ms (attempt not counted): " + failure.getMessage();
                if (!queue.defer(event, now.plus(jittered), text)) {
                    LOG.warn("inbox event {} was claimed again before attempt {} ended", event.id(), event.attempts());
                }
                LOG.info("inbox event {} ({}): {}", event.id(), event.connectionId(), text);
                return;
            }
            if (failure.retryable() && !last) {
                Duration delay = backoff.delay(event.attempts(), failure.retryAfter().orElse(Duration.ZERO));
                String text = "attempt " + event.attempts() + " of " + settings.maxAttempts() + " failed, next after "
                        + delay.toMillis() + " ms: " + failure.getMessage();
                if (!queue.retryLater(event, now.plus(delay), text)) {
                    LOG.warn("inbox event {} was claimed again before attempt {} ended", event.id(), event.attempts());
                }
                if (failure instanceof UnexpectedFailure) {
                    // A defect: its stack trace is what finds it.
                    LOG.warn("inbox event {} ({}): {}", event.id(), event.connectionId(), text, failure.getCause());
                } else {
                    LOG.info("inbox event {} ({}): {}", event.id(), event.connectionId(), text);
                }
                return;
            }
            String text = deadLetter(failure, event.attempts());
            finish(event, new Outcome(EventStatus.FAILED, text, failure.audit()), now);
            if (failure instanceof UnexpectedFailure) {
                LOG.error("inbox event {} ({}) FAILED: {}", event.id(), event.connectionId(), text, failure.getCause());
            } else {
                LOG.warn("inbox event {} ({}) FAILED: {}", event.id(), event.connectionId(), text);
            }
            return;
        }
        finish(event, outcome, clock.instant());
    }

    /**
     * A dead letter's text: what failed ("gave up after n attempts" when it was retried), ending with its reason in
     * brackets, which is kept when the text is cut to what the inbox stores.
     */
    static String deadLetter(SyncFailure failure, int attempts) {
        String reason = " [reason: " + failure.reason() + "]";
        String text = (failure.retryable() ? "gave up after " + attempts + " attempts: " : "") + failure.getMessage();
        int room = InboxQueue.MAX_OUTCOME - reason.length();
        return (text.length() <= room ? text : text.substring(0, room - 3) + "...") + reason;
    }

    private void finish(ClaimedEvent event, Outcome outcome, Instant now) {
        if (!queue.finish(event, outcome.status(), outcome.text(), outcome.audit(), now)) {
            LOG.warn("inbox event {} was claimed again before attempt {} ended; its outcome {} is not stored",
                    event.id(), event.attempts(), outcome.status());
        }
    }
}
