package io.atsbridge.adapter.engine.persistence;

import io.atsbridge.adapter.AdapterTestContext;
import io.atsbridge.adapter.connections.domain.Vendor;
import io.atsbridge.adapter.engine.domain.EventRef;
import io.atsbridge.adapter.engine.domain.EventType;
import io.atsbridge.adapter.engine.domain.InboxEvent;
import io.atsbridge.adapter.engine.domain.LoopCase;
import io.atsbridge.adapter.engine.domain.LoopCaseStatus;
import io.atsbridge.adapter.engine.domain.LoopEnding;
import io.atsbridge.adapter.engine.domain.LoopStore;
import io.atsbridge.adapter.engine.domain.LoopTransitions;
import io.atsbridge.adapter.engine.domain.LoopTransitions.Event;
import io.atsbridge.platform.testing.TestDatabase;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The store's guarded updates on a real database, each tried from every state: it moves a case exactly when
 * {@link LoopTransitions} lets its event start there, and to the state the table names. The row conditions
 * the table does not cover (the holder event, the interview, the earlier result) are set so they hold.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JdbcLoopStoreTransitionsTest {

    private static final String EVENT = "event-holding";
    private static final String OTHER = "event-other";

    private final TestDatabase database = TestDatabase.create("adapter_transitions");
    private ApplicationContext context;
    private LoopStore store;

    /** One guarded update, called by the event {@code eventId}. */
    @FunctionalInterface
    private interface Move {
        boolean apply(LoopStore store, String caseId, String eventId, Instant now);
    }

    /**
     * A store method and the events it applies, the first one the state accepts deciding (markFailed and
     * releaseWriting return a case that holds an earlier result to WRITTEN).
     *
     * @param written whether the case holds an earlier result (write_time set)
     */
    private record Scenario(String name, boolean written, Move move, Event... events) {

        Optional<LoopCaseStatus> expected(LoopCaseStatus from) {
            for (Event event : events) {
                Optional<LoopCaseStatus> next = LoopTransitions.next(from, event);
                if (next.isPresent()) {
                    return next;
                }
            }
            return Optional.empty();
        }
    }

    private static final List<Scenario> SCENARIOS = List.of(
            new Scenario("restart", false, (s, id, e, now) -> s.restart(id, e, now, List.of()), Event.RESTART),
            new Scenario("markBlocked", false, (s, id, e, now) -> s.markBlocked(id, "blocked", now, List.of(), List.of()),
                    Event.BLOCK_INTERVIEW),
            new Scenario("markInvited", false, (s, id, e, now) -> s.markInvited(id, "int-" + id, "invited", now, List.of()),
                    Event.INVITE),
            new Scenario("startWriting", false, (s, id, e, now) -> s.startWriting(id, e, now, now, List.of()),
                    Event.START_WRITING),
            new Scenario("startRewriting", true, (s, id, e, now) -> s.startRewriting(id, e, "sha-new", now, now, List.of()),
                    Event.START_REWRITING),
            new Scenario("resumeWriting", false, (s, id, e, now) -> s.resumeWriting(id, e, now, List.of()),
                    Event.RESUME_WRITING),
            new Scenario("markWriteBlocked", false, (s, id, e, now) -> s.markWriteBlocked(id, e, "withdrawn", now, List.of(), List.of()),
                    Event.BLOCK_WRITING),
            new Scenario("markWritten", false, (s, id, e, now) -> s.markWritten(id, e, List.of(), "sha-1", List.of(), List.of(),
                    "wrote", now, List.of()), Event.FINISH_WRITING),
            new Scenario("releaseWriting", false, (s, id, e, now) -> s.releaseWriting(id, e, "later", now),
                    Event.RELEASE_WRITING),
            new Scenario("releaseWriting (re-scored)", true, (s, id, e, now) -> s.releaseWriting(id, e, "later", now),
                    Event.RELEASE_REWRITING),
            new Scenario("markFailed", false, (s, id, e, now) -> s.markFailed(id, e, "failed", now, List.of(), List.of()), Event.FAIL),
            new Scenario("markEnded (declined)", false, (s, id, e, now) -> s.markEnded(id, Event.DECLINE, "declined", now,
                    List.of(), List.of()), Event.DECLINE),
            new Scenario("markEnded (expired)", false, (s, id, e, now) -> s.markEnded(id, Event.EXPIRE, "expired", now,
                    List.of(), List.of()), Event.EXPIRE),
            new Scenario("markEnded (abandoned)", false, (s, id, e, now) -> s.markEnded(id, Event.ABANDON, "abandoned", now,
                    List.of(), List.of()), Event.ABANDON),
            new Scenario("markEnded (cancelled)", false, (s, id, e, now) -> s.markEnded(id, Event.CANCEL, "cancelled", now,
                    List.of(), List.of()), Event.CANCEL),
            new Scenario("markFailed (re-scored)", true, (s, id, e, now) -> s.markFailed(id, e, "failed", now, List.of(), List.of()),
                    Event.FAIL_REWRITING, Event.FAIL));

    @BeforeAll
    void start() {
        context = AdapterTestContext.on(database).withoutWorker().start();
        store = context.getBean(LoopStore.class);
    }

    @AfterAll
    void stop() {
        context.close();
        database.close();
    }

    @Test
    void everyGuardedUpdateMovesACaseExactlyAsTheTableSays() throws SQLException {
        List<String> mismatches = new ArrayList<>();
        for (Scenario scenario : SCENARIOS) {
            for (LoopCaseStatus from : LoopCaseStatus.values()) {
                String caseId = caseIn(from, scenario.written());
                Optional<LoopCaseStatus> expected = scenario.expected(from);

                boolean moved = scenario.move().apply(store, caseId, EVENT, now());

                LoopCaseStatus after = store.find(caseId).orElseThrow().status();
                if (moved != expected.isPresent() || after != expected.orElse(from)) {
                    mismatches.add(scenario.name() + " from " + from + ": moved " + moved + " to " + after + ", the table says "
                            + expected.map(Enum::name).orElse("refused"));
                }
            }
        }
        assertThat(mismatches).isEmpty();
    }

    @Test
    void onlyTheEventHoldingACaseMovesIt() throws SQLException {
        assertThat(store.markWritten(caseIn(LoopCaseStatus.WRITING, false), OTHER, List.of(), "sha-1", List.of(), List.of(),
                "wrote", now(), List.of())).isFalse();
        assertThat(store.startWriting(caseIn(LoopCaseStatus.WRITING, false), OTHER, null, now(), List.of())).isFalse();
        assertThat(store.markFailed(caseIn(LoopCaseStatus.TRIGGERED, false), OTHER, "failed", now(), List.of(), List.of())).isFalse();
        assertThat(store.resumeWriting(caseIn(LoopCaseStatus.FAILED, false), OTHER, now(), List.of())).isFalse();
        // An invited case is held by nobody: any event with a result takes it.
        assertThat(store.startWriting(caseIn(LoopCaseStatus.INVITED, false), OTHER, null, now(), List.of())).isTrue();
    }

    @Test
    void aCaseWhoseInterviewExistsIsNotRestartedAndTheSameResultIsNotWrittenAgain() throws SQLException {
        String invitedBefore = caseIn(LoopCaseStatus.CONSENT_BLOCKED, false);
        execute("UPDATE loop_case SET interview_id = 'int-1' WHERE id = ?", invitedBefore);
        assertThat(store.restart(invitedBefore, OTHER, now(), List.of())).isFalse();

        String written = caseIn(LoopCaseStatus.WRITTEN, true);
        execute("UPDATE loop_case SET result_sha256 = 'sha-1' WHERE id = ?", written);
        assertThat(store.startRewriting(written, OTHER, "sha-1", null, now(), List.of())).isFalse();
        assertThat(store.startRewriting(written, OTHER, "sha-2", null, now(), List.of())).isTrue();
    }

    @Test
    void theRecruiterIsToldExactlyWhenACaseEndsBlockedOrFailed() throws SQLException {
        String blocked = caseIn(LoopCaseStatus.TRIGGERED, false);
        assertThat(store.markBlocked(blocked, "blocked", now(), List.of(), notice(blocked))).isTrue();
        String failed = caseIn(LoopCaseStatus.WRITING, false);
        assertThat(store.markFailed(failed, EVENT, "failed", now(), List.of(), notice(failed))).isTrue();
        // A re-scored result that fails leaves the earlier one written: nothing to tell.
        String rescored = caseIn(LoopCaseStatus.WRITING, true);
        assertThat(store.markFailed(rescored, EVENT, "failed", now(), List.of(), notice(rescored))).isTrue();
        // A move the case does not take tells nothing either.
        String invited = caseIn(LoopCaseStatus.INVITED, false);
        assertThat(store.markBlocked(invited, "blocked", now(), List.of(), notice(invited))).isFalse();

        assertThat(notices(blocked)).isEqualTo(1);
        assertThat(notices(failed)).isEqualTo(1);
        assertThat(notices(rescored)).isZero();
        assertThat(notices(invited)).isZero();
    }

    private static List<InboxEvent> notice(String caseId) {
        Instant now = now();
        return List.of(new InboxEvent("acme", "gh-acme", Vendor.GREENHOUSE, EventType.OTHER, LoopEnding.TYPE,
                List.of(new EventRef("gh-acme", "GREENHOUSE", "APPLICATION", "app-" + caseId)), now,
                LoopEnding.KEY_PREFIX + caseId, "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8), "application/json", now));
    }

    private long notices(String caseId) throws SQLException {
        try (java.sql.Connection c = database.connect(); PreparedStatement select = c.prepareStatement(
                "SELECT COUNT(*) FROM inbox_event WHERE delivery_key = ?")) {
            select.setString(1, LoopEnding.KEY_PREFIX + caseId);
            try (java.sql.ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /** A new case put straight into the state, held by {@link #EVENT} as trigger and writer, without an interview. */
    private String caseIn(LoopCaseStatus status, boolean written) throws SQLException {
        Instant now = now();
        String id = UUID.randomUUID().toString();
        LoopCase created = new LoopCase(id, "acme", "gh-acme", "app-" + id, "cand-ext", null, "stage-ai", "cand-1", "app-1",
                "ai-acme", null, UUID.randomUUID().toString(), LoopTransitions.INITIAL, EVENT, null, now, null, null, null, null, now, now);
        assertThat(store.create(created, List.of())).isTrue();
        try (java.sql.Connection c = database.connect(); PreparedStatement update = c.prepareStatement(
                "UPDATE loop_case SET status = ?, writer_event_id = ?, write_time = ? WHERE id = ?")) {
            update.setString(1, status.name());
            update.setString(2, EVENT);
            update.setTimestamp(3, written ? Timestamp.from(now) : null);
            update.setString(4, id);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
        return id;
    }

    private void execute(String sql, String id) throws SQLException {
        try (java.sql.Connection c = database.connect(); PreparedStatement update = c.prepareStatement(sql)) {
            update.setString(1, id);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
