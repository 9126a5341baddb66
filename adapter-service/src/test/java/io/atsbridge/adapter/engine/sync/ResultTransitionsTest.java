package io.atsbridge.adapter.engine.sync;

import io.atsbridge.adapter.engine.domain.LoopCase;
import io.atsbridge.adapter.engine.domain.LoopCaseStatus;
import io.atsbridge.adapter.engine.domain.LoopTransitions;
import io.atsbridge.adapter.engine.domain.LoopTransitions.Event;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** How a delivered interview result meets its case, state by state. */
class ResultTransitionsTest {

    private static final String EVENT = "event-1";
    private static final String OTHER = "event-2";

    @Test
    void anInvitedCaseStartsWriting() {
        assertThat(ResultTransitions.arrival(loopCase(LoopCaseStatus.INVITED, null), EVENT))
                .isEqualTo(new ResultTransitions.Apply(Event.START_WRITING));
    }

    @Test
    void theEventWritingACaseResumesItAndAnotherWaits() {
        assertThat(ResultTransitions.arrival(loopCase(LoopCaseStatus.WRITING, EVENT), EVENT))
                .isEqualTo(new ResultTransitions.Apply(Event.START_WRITING));
        assertThat(ResultTransitions.arrival(loopCase(LoopCaseStatus.WRITING, OTHER), EVENT))
                .isEqualTo(new ResultTransitions.Busy(OTHER));
    }

    @Test
    void aWrittenCaseIsWrittenAgainWhenTheStoreFindsTheResultNew() {
        assertThat(ResultTransitions.arrival(loopCase(LoopCaseStatus.WRITTEN, OTHER), EVENT))
                .isEqualTo(new ResultTransitions.Apply(Event.START_REWRITING));
    }

    @Test
    void aFailedCaseIsResumedOnlyByTheReplayOfTheEventThatWasWritingIt() {
        assertThat(ResultTransitions.arrival(loopCase(LoopCaseStatus.FAILED, EVENT), EVENT))
                .isEqualTo(new ResultTransitions.Apply(Event.RESUME_WRITING));
        assertThat(ResultTransitions.arrival(loopCase(LoopCaseStatus.FAILED, OTHER), EVENT))
                .isEqualTo(new ResultTransitions.Stays());
        assertThat(ResultTransitions.arrival(loopCase(LoopCaseStatus.FAILED, null), EVENT))
                .isEqualTo(new ResultTransitions.Stays());
    }

    @Test
    void aConsentBlockedCaseStaysBlockedAndATriggeredOneTakesNoResult() {
        assertThat(ResultTransitions.arrival(loopCase(LoopCaseStatus.CONSENT_BLOCKED, EVENT), EVENT))
                .isEqualTo(new ResultTransitions.Blocked());
        assertThat(ResultTransitions.arrival(loopCase(LoopCaseStatus.TRIGGERED, null), EVENT))
                .isEqualTo(new ResultTransitions.Refused());
    }

    @Test
    void everyTransitionAppliedIsOneTheTableAllowsWhereTheCaseStands() {
        for (LoopCaseStatus status : LoopCaseStatus.values()) {
            for (String writer : new String[] {EVENT, OTHER, null}) {
                if (ResultTransitions.arrival(loopCase(status, writer), EVENT) instanceof ResultTransitions.Apply apply) {
                    assertThat(LoopTransitions.accepts(status, apply.event())).as(status + " " + apply.event()).isTrue();
                    assertThat(apply.event().target()).isEqualTo(LoopCaseStatus.WRITING);
                }
            }
        }
    }

    private static LoopCase loopCase(LoopCaseStatus status, String writerEventId) {
        Instant at = Instant.parse("2025-03-01T10:00:00Z");
        return new LoopCase("case-1", "acme", "gh-acme", "101", "201", "301", "stage-ai", "cand-1", "app-1", "ai-acme",
                "int-1", "trace-1", status, "trigger-1", writerEventId, at, at, null, null, null, at, at);
    }
}
