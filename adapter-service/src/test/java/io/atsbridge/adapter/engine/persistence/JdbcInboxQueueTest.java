package io.atsbridge.adapter.engine.persistence;

import io.atsbridge.adapter.AdapterTestContext;
import io.atsbridge.adapter.connections.domain.Vendor;
import io.atsbridge.adapter.engine.domain.AuditEntry;
import io.atsbridge.adapter.engine.domain.ClaimedEvent;
import io.atsbridge.adapter.engine.domain.EventIntake;
import io.atsbridge.adapter.engine.domain.EventStatus;
import io.atsbridge.adapter.engine.domain.EventType;
import io.atsbridge.adapter.engine.domain.InboxQueue;
import io.atsbridge.adapter.engine.domain.IncomingEvent;
import io.atsbridge.platform.testing.TestDatabase;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The inbox as a work queue on a real database, claimed by two service instances at once (two
 * application contexts with their own connection pools, as two replicas would be).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JdbcInboxQueueTest {

    private static final Duration LEASE = Duration.ofSeconds(60);

    private final TestDatabase database = TestDatabase.create("adapter_queue");
    private ApplicationContext first;
    private ApplicationContext second;
    private InboxQueue queue;
    private InboxQueue otherReplica;

    @BeforeAll
    void start() {
        AdapterTestContext adapter = AdapterTestContext.on(database)
                .connection("gh-acme", "acme", "GREENHOUSE", "ATS", "https://harvest.greenhouse.io", "queue-secret-0123456789")
                .withoutWorker();
        first = adapter.start();
        second = adapter.start();
        queue = first.getBean(InboxQueue.class);
        otherReplica = second.getBean(InboxQueue.class);
    }

    @AfterAll
    void stop() {
        second.close();
        first.close();
        database.close();
    }

    /** Every test starts with nothing claimable: whatever an earlier test left is finished. */
    @BeforeEach
    void empty() {
        Instant future = Instant.now().plus(Duration.ofDays(1));
        List<ClaimedEvent> left;
        do {
            left = queue.claim(100, LEASE, future);
            left.forEach(e -> queue.finish(e, EventStatus.IGNORED, "cleared", List.of(), future));
        } while (!left.isEmpty());
    }

    private List<String> ingest(int count) {
        List<IncomingEvent> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(new IncomingEvent("gh-acme", Vendor.GREENHOUSE, EventType.STAGE_CHANGED, "candidate_stage_change",
                    List.of(), null, UUID.randomUUID().toString(), "{}".getBytes(StandardCharsets.UTF_8),
                    "application/json", null));
        }
        return first.getBean(EventIntake.class).ingest("acme", events).stream().map(r -> r.inboxEventId()).toList();
    }

    @Test
    void twoReplicasClaimingAtOnceNeverGetTheSameEvent() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int batch = 0; batch < 3; batch++) {
            ids.addAll(ingest(40));
        }
        Map<String, String> claimedBy = new ConcurrentHashMap<>();
        AtomicInteger duplicates = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<Integer>> workers = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                InboxQueue replica = w % 2 == 0 ? queue : otherReplica;
                String name = "worker-" + w;
                workers.add(pool.submit(() -> {
                    go.await(10, TimeUnit.SECONDS);
                    int taken = 0;
                    List<ClaimedEvent> claimed;
                    do {
                        claimed = replica.claim(7, LEASE, Instant.now());
                        long previous = -1;
                        for (ClaimedEvent event : claimed) {
                            assertThat(event.arrival()).as("arrival order within a claim").isGreaterThan(previous);
                            previous = event.arrival();
                            if (claimedBy.putIfAbsent(event.id(), name) != null) {
                                duplicates.incrementAndGet();
                            }
                            assertThat(event.attempts()).isEqualTo(1);
                            replica.finish(event, EventStatus.DONE, "done by " + name, List.of(), Instant.now());
                            taken++;
                        }
                    } while (!claimed.isEmpty());
                    return taken;
                }));
            }
            go.countDown();
            int total = 0;
            for (Future<Integer> worker : workers) {
                total += worker.get(60, TimeUnit.SECONDS);
            }
            assertThat(duplicates).hasValue(0);
            assertThat(total).isEqualTo(ids.size());
            assertThat(claimedBy.keySet()).containsExactlyInAnyOrderElementsOf(ids);
        } finally {
            pool.shutdownNow();
        }
        for (String id : ids) {
            assertThat(row(id).status()).isEqualTo("DONE");
            assertThat(row(id).attempts()).isEqualTo(1);
        }
    }

    @Test
    void eventsAreClaimedInArrivalOrder() {
        // One event per call: within one call the inbox stores events in delivery-key order (see JdbcInbox).
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.addAll(ingest(1));
        }
        List<ClaimedEvent> claimed = queue.claim(10, LEASE, Instant.now());
        assertThat(claimed).extracting(ClaimedEvent::id).containsExactlyElementsOf(ids);
    }

    @Test
    void aLeaseThatRanOutIsClaimedAgainAndTheStaleClaimCannotFinish() throws SQLException {
        String id = ingest(1).get(0);
        Instant now = Instant.now();
        ClaimedEvent crashed = queue.claim(5, LEASE, now).get(0);
        assertThat(crashed.id()).isEqualTo(id);
        assertThat(row(id).status()).isEqualTo("IN_PROGRESS");

        assertThat(otherReplica.claim(5, LEASE, now.plusSeconds(30))).as("lease still held").isEmpty();
        List<ClaimedEvent> reclaimed = otherReplica.claim(5, LEASE, now.plus(LEASE).plusSeconds(1));
        assertThat(reclaimed).singleElement().satisfies(event -> {
            assertThat(event.id()).isEqualTo(id);
            assertThat(event.attempts()).isEqualTo(2);
        });

        // The first worker wakes up late: its outcome is not stored over the new claim's.
        assertThat(queue.finish(crashed, EventStatus.DONE, "late", List.of(), Instant.now())).isFalse();
        assertThat(queue.retryLater(crashed, Instant.now(), "late")).isFalse();
        assertThat(otherReplica.finish(reclaimed.get(0), EventStatus.DONE, "on time", List.of(), Instant.now())).isTrue();
        Row row = row(id);
        assertThat(row.status()).isEqualTo("DONE");
        assertThat(row.outcome()).isEqualTo("on time");
        assertThat(row.attempts()).isEqualTo(2);
        assertThat(row.processed()).isTrue();
    }

    @Test
    void anEventWaitingInItsBatchKeepsItsClaimOnlyWhileNoOtherWorkerTookIt() throws SQLException {
        List<String> ids = new ArrayList<>();
        ids.addAll(ingest(1));
        ids.addAll(ingest(1));
        Instant now = Instant.now();
        List<ClaimedEvent> batch = queue.claim(5, LEASE, now);
        assertThat(batch).extracting(ClaimedEvent::id).containsExactlyElementsOf(ids);

        // The worker is slow on the first event: the second's lease runs out and another replica takes it.
        Instant late = now.plus(LEASE).plusSeconds(1);
        List<ClaimedEvent> taken = otherReplica.claim(1, LEASE, late);
        assertThat(taken).extracting(ClaimedEvent::id).containsExactly(ids.get(0));
        assertThat(queue.renew(batch.get(0), LEASE, late)).as("renewing a claim another worker replaced").isFalse();

        // The second event's lease also ran out, but nobody claimed it: renewing keeps it for this worker.
        assertThat(queue.renew(batch.get(1), LEASE, late)).isTrue();
        assertThat(otherReplica.claim(5, LEASE, late.plusSeconds(1))).as("renewed lease holds").isEmpty();
        assertThat(queue.finish(batch.get(1), EventStatus.DONE, "renewed", List.of(), late)).isTrue();
        assertThat(row(ids.get(1)).attempts()).as("a renewal is not an attempt").isEqualTo(1);
        assertThat(otherReplica.finish(taken.get(0), EventStatus.DONE, "taken", List.of(), late)).isTrue();
    }

    @Test
    void anEventPutBackIsNotClaimedBeforeItsTime() throws SQLException {
        String id = ingest(1).get(0);
        Instant now = Instant.now();
        ClaimedEvent claimed = queue.claim(5, LEASE, now).get(0);
        assertThat(queue.retryLater(claimed, now.plusSeconds(120), "attempt 1 failed: try later")).isTrue();
        assertThat(row(id).status()).isEqualTo("PENDING");
        assertThat(row(id).outcome()).isEqualTo("attempt 1 failed: try later");

        assertThat(queue.claim(5, LEASE, now.plusSeconds(60))).isEmpty();
        assertThat(queue.claim(5, LEASE, now.plusSeconds(121))).singleElement()
                .satisfies(event -> assertThat(event.attempts()).isEqualTo(2));
    }

    @Test
    void aHeldEventWaitsUntilItsTimeWithoutUsingAnAttemptAndItsAuditRecordsAreStored() throws SQLException {
        String id = ingest(1).get(0);
        Instant now = Instant.now();
        ClaimedEvent claimed = queue.claim(5, LEASE, now).get(0);
        AuditEntry deferred = new AuditEntry("acme", "held-" + id, "trace-" + id, "writeback.deferred", "", "gh-acme",
                Map.of("earliest_time", now.plusSeconds(300).toString()), new byte[0], now);
        assertThat(queue.hold(claimed, now.plusSeconds(300), "held until then", List.of(deferred), now)).isTrue();
        assertThat(row(id).status()).isEqualTo("PENDING");
        assertThat(row(id).outcome()).isEqualTo("held until then");
        assertThat(row(id).attempts()).as("a hold is not an attempt").isZero();
        assertThat(count("SELECT COUNT(*) FROM audit_outbox WHERE record_id = 'held-" + id + "'")).isEqualTo(1);

        assertThat(queue.claim(5, LEASE, now.plusSeconds(299))).isEmpty();
        ClaimedEvent again = queue.claim(5, LEASE, now.plusSeconds(300)).get(0);
        assertThat(again.attempts()).isEqualTo(1);
        // A stale claim cannot hold the event again.
        assertThat(queue.hold(claimed, now.plusSeconds(600), "stale", List.of(), now)).isFalse();
    }

    @Test
    void finishingStoresTheAuditRecordsOnceWithTheOutcomeAndCutsLongOutcomes() throws SQLException {
        String id = ingest(1).get(0);
        ClaimedEvent claimed = queue.claim(5, LEASE, Instant.now()).get(0);
        AuditEntry entry = new AuditEntry("acme", "rec-" + id, "trace-" + id, "webhook.received", "", "gh-acme",
                Map.of("inbox_event_id", id), new byte[32], Instant.now());
        assertThat(queue.finish(claimed, EventStatus.FAILED, "x".repeat(5000), List.of(entry, entry), Instant.now())).isTrue();

        assertThat(row(id).outcome()).hasSize(1000).endsWith("...");
        assertThat(count("SELECT COUNT(*) FROM audit_outbox WHERE record_id = 'rec-" + id + "'")).isEqualTo(1);
        assertThat(first.getBean(io.atsbridge.adapter.engine.domain.AuditOutbox.class).unsent(1000))
                .filteredOn(e -> e.recordId().equals("rec-" + id)).singleElement().satisfies(stored -> {
                    assertThat(stored.attributes()).containsEntry("inbox_event_id", id);
                    assertThat(stored.payloadSha256()).hasSize(32);
                    assertThat(stored.traceId()).isEqualTo("trace-" + id);
                });
    }

    private record Row(String status, String outcome, int attempts, boolean processed) {
    }

    private Row row(String id) throws SQLException {
        try (java.sql.Connection c = database.connect();
             PreparedStatement select = c.prepareStatement(
                     "SELECT status, outcome, attempts, processed_time FROM inbox_event WHERE id = ?")) {
            select.setString(1, id);
            try (ResultSet rows = select.executeQuery()) {
                assertThat(rows.next()).isTrue();
                return new Row(rows.getString(1), rows.getString(2), rows.getInt(3), rows.getTimestamp(4) != null);
            }
        }
    }

    private long count(String sql) throws SQLException {
        try (java.sql.Connection c = database.connect(); ResultSet rows = c.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
