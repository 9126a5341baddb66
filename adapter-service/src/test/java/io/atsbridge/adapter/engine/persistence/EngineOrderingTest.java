package io.atsbridge.adapter.engine.persistence;

import io.atsbridge.adapter.AdapterTestContext;
import io.atsbridge.adapter.connections.domain.Vendor;
import io.atsbridge.adapter.engine.domain.ApplicationStates;
import io.atsbridge.adapter.engine.domain.AuditEntry;
import io.atsbridge.adapter.engine.domain.ClaimedEvent;
import io.atsbridge.adapter.engine.domain.EventIntake;
import io.atsbridge.adapter.engine.domain.EventRef;
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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine's ordering guarantees on a real database: events of one application are claimed one at a
 * time in arrival order (across replicas), events of different applications in parallel; a deferred
 * event gives its attempt back; the stale-event guard keeps the newest change; backfill's deletion
 * detection marks applications a full pass no longer saw.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EngineOrderingTest {

    private static final Duration LEASE = Duration.ofSeconds(60);

    private final TestDatabase database = TestDatabase.create("adapter_ordering");
    private ApplicationContext first;
    private ApplicationContext second;
    private InboxQueue queue;
    private InboxQueue otherReplica;

    @BeforeAll
    void start() {
        AdapterTestContext adapter = AdapterTestContext.on(database)
                .connection("gh-acme", "acme", "GREENHOUSE", "ATS", "https://harvest.greenhouse.io", "ordering-secret-0123456789")
                .withoutWorker()
                .with("atsbridge.adapter.backfill.enabled", "false");
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

    @BeforeEach
    void empty() {
        Instant future = Instant.now().plus(Duration.ofDays(1));
        List<ClaimedEvent> left;
        do {
            left = queue.claim(100, LEASE, future);
            left.forEach(e -> queue.finish(e, EventStatus.IGNORED, "cleared", List.of(), future));
        } while (!left.isEmpty());
    }

    private String ingest(String applicationId) {
        List<EventRef> refs = applicationId == null ? List.of()
                : List.of(new EventRef("", "", "APPLICATION", applicationId), new EventRef("", "", "CANDIDATE", "c-" + applicationId));
        IncomingEvent event = new IncomingEvent("gh-acme", Vendor.GREENHOUSE, EventType.STAGE_CHANGED, "candidate_stage_change",
                refs, null, UUID.randomUUID().toString(), "{}".getBytes(StandardCharsets.UTF_8), "application/json", null);
        return first.getBean(EventIntake.class).ingest("acme", List.of(event)).get(0).inboxEventId();
    }

    private static List<String> ids(List<ClaimedEvent> events) {
        return events.stream().map(ClaimedEvent::id).toList();
    }

    @Test
    void eventsOfOneApplicationAreClaimedOneAtATimeInArrivalOrder() {
        String a1 = ingest("101");
        String a2 = ingest("101");
        String b1 = ingest("202");
        String a3 = ingest("101");
        String unordered = ingest(null);

        List<ClaimedEvent> firstClaim = queue.claim(10, LEASE, Instant.now());
        // The first of application 101, the first of 202 and the event naming no application; never a2 or a3.
        assertThat(ids(firstClaim)).containsExactlyInAnyOrder(a1, b1, unordered);
        // The other replica finds nothing: 101's next event waits for a1.
        assertThat(otherReplica.claim(10, LEASE, Instant.now())).isEmpty();

        ClaimedEvent claimedA1 = firstClaim.stream().filter(e -> e.id().equals(a1)).findFirst().orElseThrow();
        assertThat(queue.finish(claimedA1, EventStatus.DONE, "done", List.of(), Instant.now())).isTrue();
        assertThat(ids(otherReplica.claim(10, LEASE, Instant.now()))).containsExactly(a2);
        assertThat(queue.claim(10, LEASE, Instant.now())).as("a3 waits for a2, claimed by the other replica").isEmpty();
    }

    @Test
    void anEventWaitingForARetryHoldsBackTheApplicationsLaterEvents() {
        String first = ingest("303");
        String later = ingest("303");
        ClaimedEvent claimed = queue.claim(10, LEASE, Instant.now()).get(0);
        assertThat(claimed.id()).isEqualTo(first);
        assertThat(queue.retryLater(claimed, Instant.now().plusSeconds(30), "vendor 503")).isTrue();

        assertThat(queue.claim(10, LEASE, Instant.now())).as("the retry is not due and the later event waits").isEmpty();
        List<ClaimedEvent> afterRetry = queue.claim(10, LEASE, Instant.now().plusSeconds(31));
        assertThat(ids(afterRetry)).containsExactly(first);
        assertThat(afterRetry.get(0).attempts()).isEqualTo(2);
        queue.finish(afterRetry.get(0), EventStatus.FAILED, "gave up", List.of(), Instant.now().plusSeconds(31));
        // A dead letter no longer holds the application up.
        assertThat(ids(queue.claim(10, LEASE, Instant.now().plusSeconds(31)))).containsExactly(later);
    }

    @Test
    void aDeferredEventGivesItsAttemptBack() {
        String id = ingest("404");
        ClaimedEvent claimed = queue.claim(10, LEASE, Instant.now()).get(0);
        assertThat(claimed.attempts()).isEqualTo(1);
        assertThat(queue.defer(claimed, Instant.now(), "circuit open")).isTrue();
        ClaimedEvent again = queue.claim(10, LEASE, Instant.now().plusMillis(10)).get(0);
        assertThat(again.id()).isEqualTo(id);
        assertThat(again.attempts()).as("the deferred attempt was not counted").isEqualTo(1);
        // A stale claim cannot defer over a newer one.
        assertThat(queue.defer(claimed, Instant.now(), "late")).isFalse();
    }

    @Test
    void theStaleGuardKeepsTheNewestChange() {
        ApplicationStates states = first.getBean(ApplicationStates.class);
        Instant t1 = Instant.parse("2026-11-01T10:00:00Z");
        Instant t2 = Instant.parse("2026-11-01T10:05:00Z");
        assertThat(states.apply("acme", "gh-acme", "505", t2, "event-newer", "stage-2")).isTrue();
        assertThat(states.apply("acme", "gh-acme", "505", t1, "event-older", "stage-1")).as("older change is stale").isFalse();
        assertThat(states.find("gh-acme", "505").orElseThrow().stageId()).isEqualTo("stage-2");
        assertThat(states.apply("acme", "gh-acme", "505", t2, "event-newer", "stage-2")).as("a retry of the same event").isTrue();
        assertThat(states.apply("acme", "gh-acme", "505", t2, "event-same-time", "stage-3")).as("same time is not older").isTrue();
        assertThat(states.find("gh-acme", "505").orElseThrow().appliedEventId()).isEqualTo("event-same-time");
    }

    @Test
    void aFullPassMarksTheApplicationsItNoLongerSawAsGone() {
        ApplicationStates states = first.getBean(ApplicationStates.class);
        io.atsbridge.adapter.backfill.domain.Backfills backfills = first.getBean(io.atsbridge.adapter.backfill.domain.Backfills.class);
        Instant now = Instant.now();
        for (String id : List.of("g-1", "g-2", "g-3")) {
            states.apply("acme", "gh-acme", id, now, "event-" + id, "s");
        }
        String pass = UUID.randomUUID().toString();
        backfills.create(new io.atsbridge.adapter.backfill.domain.Backfills.Backfill(pass, "acme", "gh-acme",
                io.atsbridge.adapter.backfill.domain.Backfills.Mode.FULL, io.atsbridge.adapter.backfill.domain.Backfills.Status.RUNNING, null,
                null, null, null, 0, 0, 0, 0, null, now, now, null));
        backfills.recordSeen(pass, List.of("g-1", "g-3", "g-1"));
        List<AuditEntry> audited = new ArrayList<>();
        List<ApplicationStates.ApplicationState> gone = states.markUnseenGone("gh-acme", pass, now, state -> {
            AuditEntry entry = new AuditEntry("acme", "gone-" + pass + state.applicationId(), "trace-" + pass, "application.gone",
                    "", "gh-acme", Map.of("application_external_id", state.applicationId()), new byte[0], now);
            audited.add(entry);
            return entry;
        });
        // Applications other tests recorded (without being seen) are gone too; g-2 must be among them and g-1/g-3 not.
        assertThat(gone).extracting(ApplicationStates.ApplicationState::applicationId).contains("g-2")
                .doesNotContain("g-1", "g-3");
        assertThat(states.find("gh-acme", "g-2").orElseThrow().open()).isFalse();
        assertThat(states.find("gh-acme", "g-1").orElseThrow().open()).isTrue();
        assertThat(audited).extracting(e -> e.attributes().get("application_external_id")).contains("g-2");
        backfills.finish(pass, io.atsbridge.adapter.backfill.domain.Backfills.Status.DONE, gone.size(), null, null, now);
        // A later change of a gone application reopens it.
        assertThat(states.apply("acme", "gh-acme", "g-2", now.plusSeconds(5), "event-reopen", "s")).isTrue();
        assertThat(states.find("gh-acme", "g-2").orElseThrow().open()).isTrue();
    }
}
