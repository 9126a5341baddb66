package io.atsbridge.adapter.engine.domain;

import io.atsbridge.adapter.engine.domain.LoopTransitions.Event;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.atsbridge.adapter.engine.domain.LoopCaseStatus.ABANDONED;
import static io.atsbridge.adapter.engine.domain.LoopCaseStatus.CANCELLED;
import static io.atsbridge.adapter.engine.domain.LoopCaseStatus.CONSENT_BLOCKED;
import static io.atsbridge.adapter.engine.domain.LoopCaseStatus.DECLINED;
import static io.atsbridge.adapter.engine.domain.LoopCaseStatus.EXPIRED;
import static io.atsbridge.adapter.engine.domain.LoopCaseStatus.FAILED;
import static io.atsbridge.adapter.engine.domain.LoopCaseStatus.INVITED;
import static io.atsbridge.adapter.engine.domain.LoopCaseStatus.TRIGGERED;
import static io.atsbridge.adapter.engine.domain.LoopCaseStatus.WRITING;
import static io.atsbridge.adapter.engine.domain.LoopCaseStatus.WRITTEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The loop case's state machine, checked exhaustively over states × events against the journey written out
 * here once more, by hand: a change to the table has to be made twice, on purpose.
 */
class LoopTransitionsTest {

    /** Every allowed move: (from, event) → to. Everything else is refused. */
    private static final Map<Move, LoopCaseStatus> ALLOWED = new HashMap<>();

    static {
        allow(TRIGGERED, Event.BLOCK_INTERVIEW, CONSENT_BLOCKED);
        allow(TRIGGERED, Event.INVITE, INVITED);
        allow(TRIGGERED, Event.FAIL, FAILED);
        allow(CONSENT_BLOCKED, Event.RESTART, TRIGGERED);
        allow(FAILED, Event.RESTART, TRIGGERED);
        allow(INVITED, Event.START_WRITING, WRITING);
        allow(WRITING, Event.START_WRITING, WRITING);
        allow(WRITTEN, Event.START_REWRITING, WRITING);
        allow(FAILED, Event.RESUME_WRITING, WRITING);
        allow(WRITING, Event.BLOCK_WRITING, CONSENT_BLOCKED);
        allow(WRITING, Event.FINISH_WRITING, WRITTEN);
        allow(WRITING, Event.RELEASE_WRITING, INVITED);
        allow(WRITING, Event.RELEASE_REWRITING, WRITTEN);
        allow(WRITING, Event.FAIL, FAILED);
        allow(WRITING, Event.FAIL_REWRITING, WRITTEN);
        allow(INVITED, Event.DECLINE, DECLINED);
        allow(INVITED, Event.EXPIRE, EXPIRED);
        allow(INVITED, Event.ABANDON, ABANDONED);
        allow(INVITED, Event.CANCEL, CANCELLED);
        for (LoopCaseStatus ended : List.of(DECLINED, EXPIRED, ABANDONED, CANCELLED)) {
            allow(ended, Event.START_WRITING, WRITING);
        }
    }

    private record Move(LoopCaseStatus from, Event event) {
    }

    private static void allow(LoopCaseStatus from, Event event, LoopCaseStatus to) {
        ALLOWED.put(new Move(from, event), to);
    }

    @TestFactory
    List<DynamicTest> everyStateAndEvent() {
        List<DynamicTest> tests = new ArrayList<>();
        for (LoopCaseStatus from : LoopCaseStatus.values()) {
            for (Event event : Event.values()) {
                LoopCaseStatus to = ALLOWED.get(new Move(from, event));
                if (to != null) {
                    tests.add(DynamicTest.dynamicTest(from + " --" + event + "--> " + to, () -> {
                        assertThat(LoopTransitions.accepts(from, event)).isTrue();
                        assertThat(LoopTransitions.next(from, event)).contains(to);
                        assertThat(LoopTransitions.require(from, event)).isEqualTo(to);
                        assertThat(LoopTransitions.accepted(from)).contains(event);
                    }));
                } else {
                    tests.add(DynamicTest.dynamicTest(from + " refuses " + event, () -> {
                        assertThat(LoopTransitions.accepts(from, event)).isFalse();
                        assertThat(LoopTransitions.next(from, event)).isEmpty();
                        assertThat(LoopTransitions.accepted(from)).doesNotContain(event);
                        assertThatThrownBy(() -> LoopTransitions.require(from, event))
                                .isInstanceOf(IllegalStateException.class)
                                .hasMessageStartingWith("a loop case that is " + from + " does not accept " + event + " (");
                    }));
                }
            }
        }
        assertThat(tests).hasSize(LoopCaseStatus.values().length * Event.values().length);
        return tests;
    }

    @Test
    void everyEventLeadsToOneStateFromTheStatesItAccepts() {
        for (Event event : Event.values()) {
            Set<LoopCaseStatus> sources = EnumSet.noneOf(LoopCaseStatus.class);
            ALLOWED.forEach((move, to) -> {
                if (move.event() == event) {
                    sources.add(move.from());
                    assertThat(event.target()).as(event.name()).isEqualTo(to);
                }
            });
            assertThat(event.sources()).as(event.name()).isEqualTo(sources).isNotEmpty();
        }
    }

    @Test
    void theRefusalNamesTheStateTheEventAndWhatEachAccepts() {
        assertThat(LoopTransitions.refusal(WRITTEN, Event.FINISH_WRITING)).isEqualTo("a loop case that is WRITTEN does not "
                + "accept FINISH_WRITING (FINISH_WRITING accepts WRITING; WRITTEN accepts START_REWRITING)");
        assertThat(LoopTransitions.refusal(INVITED, Event.RESTART)).isEqualTo("a loop case that is INVITED does not accept "
                + "RESTART (RESTART accepts CONSENT_BLOCKED, FAILED; INVITED accepts START_WRITING, DECLINE, EXPIRE, ABANDON, CANCEL)");
    }

    @Test
    void terminalStatesAcceptNothingAndTheLoopHasNone() {
        for (LoopCaseStatus state : LoopTransitions.terminal()) {
            for (Event event : Event.values()) {
                assertThat(LoopTransitions.next(state, event)).as(state + " " + event).isEmpty();
            }
        }
        // Every resting case can be started again from outside (see LoopTransitions): nothing is final.
        assertThat(LoopTransitions.terminal()).isEmpty();
    }

    @Test
    void aCaseAtRestMovesOnlyWhenSomethingFromOutsideStartsItAgain() {
        Set<Event> fromOutside = EnumSet.of(Event.RESTART, Event.START_REWRITING, Event.RESUME_WRITING, Event.START_WRITING);
        for (LoopCaseStatus resting : List.of(WRITTEN, CONSENT_BLOCKED, FAILED, DECLINED, EXPIRED, ABANDONED, CANCELLED)) {
            assertThat(fromOutside).as(resting.name()).containsAll(LoopTransitions.accepted(resting));
        }
    }

    @Test
    void everyStateCanBeReachedFromTheInitialOne() {
        Set<LoopCaseStatus> reached = EnumSet.of(LoopTransitions.INITIAL);
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Event event : Event.values()) {
                if (event.sources().stream().anyMatch(reached::contains)) {
                    grew |= reached.add(event.target());
                }
            }
        }
        assertThat(reached).containsExactlyInAnyOrder(LoopCaseStatus.values());
    }

    @Test
    void theTableCannotBeChangedFromOutside() {
        assertThatThrownBy(() -> Event.FAIL.sources().add(WRITTEN)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> LoopTransitions.accepted(WRITING).clear()).isInstanceOf(UnsupportedOperationException.class);
    }
}
