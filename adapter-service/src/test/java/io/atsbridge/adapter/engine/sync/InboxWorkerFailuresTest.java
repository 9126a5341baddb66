package io.atsbridge.adapter.engine.sync;

import io.atsbridge.adapter.AdapterTestContext;
import io.atsbridge.adapter.connections.domain.Vendor;
import io.atsbridge.adapter.engine.domain.ClaimedEvent;
import io.atsbridge.adapter.engine.domain.DeadLetter;
import io.atsbridge.adapter.engine.domain.DeadLetters;
import io.atsbridge.adapter.engine.domain.EventIntake;
import io.atsbridge.adapter.engine.domain.EventType;
import io.atsbridge.adapter.engine.domain.InboxQueue;
import io.atsbridge.adapter.engine.domain.IncomingEvent;
import io.atsbridge.platform.testing.TestDatabase;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the worker does with each kind of failure, on a real database: the inbox rows, their attempts and the
 * dead letters are the ones the service stores. The events are handled by a stand-in that fails as told by the
 * event's delivery key, so every kind is certain to happen.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InboxWorkerFailuresTest {

    private static final int MAX_ATTEMPTS = 3;

    private final TestDatabase database = TestDatabase.create("adapter_failures");
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private ApplicationContext context;
    private InboxWorker worker;

    @BeforeAll
    void start() {
        context = AdapterTestContext.on(database)
                .connection("gh-acme", "acme", "GREENHOUSE", "ATS", "https://harvest.greenhouse.io", "failures-secret-0123456789")
                .withoutWorker()
                .start();

        // The defaults, but not started, with few attempts and short waits.
        WorkerSettings settings = new WorkerSettings(false, 2, Duration.ofMillis(200), 20, Duration.ofSeconds(60),
                MAX_ATTEMPTS, Duration.ofMillis(50), Duration.ofMillis(100), java.time.Duration.ofDays(7), java.time.Duration.ofMinutes(1));
        worker = new InboxWorker(context.getBean(InboxQueue.class), this::handle, context.getBean(AuditRelay.class), settings,
                context.getBean(java.time.Clock.class));
    }

    @AfterAll
    void stop() {
        context.close();
        database.close();
    }

    /** Fails as the delivery key says: {@code <kind>-<unique>}. */
    private Outcome handle(ClaimedEvent event, boolean lastAttempt) {
        int call = calls.computeIfAbsent(event.id(), id -> new AtomicInteger()).incrementAndGet();
        String kind = event.deliveryKey().substring(0, event.deliveryKey().indexOf('-'));
        return switch (kind) {
            case "npe" -> throw new NullPointerException("Cannot invoke \"WritePlan.getNote()\" because \"plan\" is null");
            case "ise" -> throw new IllegalStateException("no writer for case c-1");
            case "flaky" -> {
                if (call < MAX_ATTEMPTS) {
                    throw new TransientFailure("Greenhouse answered 503 to GET /v1/applications/7");
                }
                yield Outcome.done("written on attempt " + call, List.of());
            }
            case "down" -> throw new TransientFailure("identity-service ResolveCandidate failed with UNAVAILABLE");
            case "refused" -> throw new PermanentFailure(FailureReason.MALFORMED_PAYLOAD,
                    "reading the candidate_stage_change body: no application id");
            default -> throw new AssertionError(kind);
        };
    }

    @Test
    void anUnclassifiedFailureIsRetriedWithBackoffAndThenADeadLetterNamingItsType() throws Exception {
        String npe = ingest("npe");
        String ise = ingest("ise");

        worker.runOnce();
        assertThat(row(npe).status()).as("not dead on first sight").isEqualTo("PENDING");
        assertThat(row(npe).outcome()).startsWith("attempt 1 of 3 failed, next after ")
                .contains("java.lang.NullPointerException");

        drain(npe, ise);

        for (String id : List.of(npe, ise)) {
            Row row = row(id);
            assertThat(row.status()).isEqualTo("FAILED");
            assertThat(row.attempts()).isEqualTo(MAX_ATTEMPTS);
            assertThat(calls.get(id)).as("not retried forever").hasValue(MAX_ATTEMPTS);
            assertThat(row.outcome()).startsWith("gave up after 3 attempts: processing candidate_stage_change: java.lang.")
                    .endsWith("[reason: UNEXPECTED]");
        }
        assertThat(row(npe).outcome()).contains("java.lang.NullPointerException: Cannot invoke");
        assertThat(row(ise).outcome()).contains("java.lang.IllegalStateException: no writer for case c-1");
        assertThat(deadLetters()).filteredOn(letter -> letter.eventId().equals(npe)).singleElement()
                .satisfies(letter -> assertThat(letter.error()).endsWith("[reason: UNEXPECTED]"));
    }

    @Test
    void aTransientFailureIsRetriedUntilItPasses() throws Exception {
        String flaky = ingest("flaky");

        worker.runOnce();
        assertThat(row(flaky).status()).isEqualTo("PENDING");
        assertThat(row(flaky).outcome()).startsWith("attempt 1 of 3 failed").contains("Greenhouse answered 503");

        drain(flaky);

        assertThat(row(flaky).status()).isEqualTo("DONE");
        assertThat(row(flaky).attempts()).isEqualTo(MAX_ATTEMPTS);
        assertThat(row(flaky).outcome()).isEqualTo("written on attempt 3");
        assertThat(deadLetters()).noneMatch(letter -> letter.eventId().equals(flaky));
    }

    @Test
    void aTransientFailureOnTheLastAttemptIsADeadLetterThatSaysTheRetriesRanOut() throws Exception {
        String down = ingest("down");

        drain(down);

        assertThat(row(down).status()).isEqualTo("FAILED");
        assertThat(row(down).attempts()).isEqualTo(MAX_ATTEMPTS);
        assertThat(row(down).outcome()).isEqualTo("gave up after 3 attempts: identity-service ResolveCandidate failed with "
                + "UNAVAILABLE [reason: RETRIES_EXHAUSTED]");
    }

    @Test
    void aPermanentFailureIsADeadLetterAtOnceWithItsReason() throws Exception {
        String refused = ingest("refused");

        worker.runOnce();

        assertThat(row(refused).status()).isEqualTo("FAILED");
        assertThat(row(refused).attempts()).isEqualTo(1);
        assertThat(calls.get(refused)).hasValue(1);
        assertThat(row(refused).outcome()).isEqualTo("reading the candidate_stage_change body: no application id "
                + "[reason: MALFORMED_PAYLOAD]");
        assertThat(deadLetters()).filteredOn(letter -> letter.eventId().equals(refused)).singleElement()
                .satisfies(letter -> assertThat(letter.attempts()).isEqualTo(1));
    }

    private String ingest(String kind) {
        return context.getBean(EventIntake.class).ingest("acme", List.of(new IncomingEvent("gh-acme", Vendor.GREENHOUSE,
                EventType.STAGE_CHANGED, "candidate_stage_change", List.of(), null, kind + "-" + UUID.randomUUID(),
                "{}".getBytes(StandardCharsets.UTF_8), "application/json", null))).get(0).inboxEventId();
    }

    /** Runs the worker until the events are finished, waiting out their backoff; at most 15 s. */
    private void drain(String... ids) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            worker.runOnce();
            boolean finished = true;
            for (String id : ids) {
                finished &= !row(id).status().equals("PENDING");
            }
            if (finished) {
                return;
            }
            Thread.sleep(60);
        }
    }

    private List<DeadLetter> deadLetters() {
        return context.getBean(DeadLetters.class).list("acme", "gh-acme", 500, "").items();
    }

    private record Row(String status, int attempts, String outcome) {
    }

    private Row row(String id) throws Exception {
        try (java.sql.Connection c = database.connect();
             PreparedStatement select = c.prepareStatement("SELECT status, attempts, outcome FROM inbox_event WHERE id = ?")) {
            select.setString(1, id);
            try (ResultSet rows = select.executeQuery()) {
                assertThat(rows.next()).isTrue();
                return new Row(rows.getString(1), rows.getInt(2), rows.getString(3));
            }
        }
    }
}
