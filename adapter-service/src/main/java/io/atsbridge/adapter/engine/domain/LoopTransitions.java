package io.atsbridge.adapter.engine.domain;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

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

/**
 * The loop case's state machine: the events that move a case, the states each accepts and the one it leads to.
 * The steps ask it which event applies where a case stands; {@link LoopStore}'s guarded updates take their
 * "from" states and their target from it, so the table and the stored guards cannot drift apart. What the
 * table does not say — which inbox event holds a case, whether an interview exists yet, whether a result is
 * the one already written — the store checks on the row.
 *
 * <p>A case starts {@link LoopCaseStatus#TRIGGERED}. No status is terminal: a case at rest (WRITTEN,
 * CONSENT_BLOCKED, FAILED, and the ends of an invitation: DECLINED, EXPIRED, ABANDONED, CANCELLED) moves again only
 * when something from outside starts it — a re-scored or late result ({@link Event#START_REWRITING},
 * {@link Event#START_WRITING}), a stage change sent again ({@link Event#RESTART}) or a replayed dead letter
 * ({@link Event#RESUME_WRITING}, {@link Event#RESTART}).
 */
public final class LoopTransitions {

    /** The status every case starts in. */
    public static final LoopCaseStatus INITIAL = TRIGGERED;

    /** What moves a loop case, each with the one state it leads to and the states it accepts. */
    public enum Event {
        /** Consent (or a missing jurisdiction) stood in the way: no interview is created. */
        BLOCK_INTERVIEW(CONSENT_BLOCKED, TRIGGERED),
        /** The AI vendor created the interview. */
        INVITE(INVITED, TRIGGERED),
        /** A stage change sent again, or replayed, takes over a case that failed or was blocked before its interview. */
        RESTART(TRIGGERED, FAILED, CONSENT_BLOCKED),
        /**
         * A result arrived and its event writes it back; the event already writing resumes. A result reported after the
         * interview was said to have ended (declined, expired, abandoned, cancelled) is the candidate's all the same and
         * is written.
         */
        START_WRITING(WRITING, INVITED, WRITING, DECLINED, EXPIRED, ABANDONED, CANCELLED),
        /** The candidate declined the interview. */
        DECLINE(DECLINED, INVITED),
        /** No interview was completed in time. */
        EXPIRE(EXPIRED, INVITED),
        /** The interview was abandoned or failed at the AI vendor. */
        ABANDON(ABANDONED, INVITED),
        /** The AI vendor cancelled the interview. */
        CANCEL(CANCELLED, INVITED),
        /** A result other than the one written (a re-scored interview) is written again. */
        START_REWRITING(WRITING, WRITTEN),
        /** The event whose write-back failed for good was replayed as a dead letter: it writes again. */
        RESUME_WRITING(WRITING, FAILED),
        /** Consent no longer allows writing the result: nothing is written. */
        BLOCK_WRITING(CONSENT_BLOCKED, WRITING),
        /** The result is on the ATS record. */
        FINISH_WRITING(WRITTEN, WRITING),
        /** Writing the first result failed in a way that may pass: the case waits for another attempt. */
        RELEASE_WRITING(INVITED, WRITING),
        /** Writing a re-scored result failed in a way that may pass: the earlier result stays on the record. */
        RELEASE_REWRITING(WRITTEN, WRITING),
        /** Inviting, or writing the first result, failed for good. */
        FAIL(FAILED, TRIGGERED, WRITING),
        /** Writing a re-scored result failed for good: the earlier result stays on the record. */
        FAIL_REWRITING(WRITTEN, WRITING);

        private final LoopCaseStatus target;
        private final Set<LoopCaseStatus> sources;

        Event(LoopCaseStatus target, LoopCaseStatus first, LoopCaseStatus... more) {
            this.target = target;
            this.sources = Collections.unmodifiableSet(EnumSet.of(first, more));
        }

        /** The state the event leads to. */
        public LoopCaseStatus target() {
            return target;
        }

        /** The states the event accepts. */
        public Set<LoopCaseStatus> sources() {
            return sources;
        }
    }

    private LoopTransitions() {
    }

    /** Where the event takes a case in {@code from}; empty when the state does not accept the event. */
    public static Optional<LoopCaseStatus> next(LoopCaseStatus from, Event event) {
        return event.sources().contains(from) ? Optional.of(event.target()) : Optional.empty();
    }

    /**
     * Where the event takes a case in {@code from}.
     *
     * @throws IllegalStateException when the state does not accept the event: the caller applied it where it
     *                               cannot apply, a defect (see {@link #refusal})
     */
    public static LoopCaseStatus require(LoopCaseStatus from, Event event) {
        return next(from, event).orElseThrow(() -> new IllegalStateException(refusal(from, event)));
    }

    /** Whether a case in {@code from} accepts the event. */
    public static boolean accepts(LoopCaseStatus from, Event event) {
        return event.sources().contains(from);
    }

    /** The events a case in {@code state} accepts, in the table's order. */
    public static Set<Event> accepted(LoopCaseStatus state) {
        return Collections.unmodifiableSet(Arrays.stream(Event.values()).filter(e -> e.sources().contains(state))
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Event.class))));
    }

    /** The states that accept no event at all (none in this loop; see the class comment). */
    public static Set<LoopCaseStatus> terminal() {
        return Collections.unmodifiableSet(Arrays.stream(LoopCaseStatus.values()).filter(s -> accepted(s).isEmpty())
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(LoopCaseStatus.class))));
    }

    /** Why a case in {@code from} does not take the event, for people: the state, the event and what it accepts instead. */
    public static String refusal(LoopCaseStatus from, Event event) {
        Set<Event> accepted = accepted(from);
        return "a loop case that is " + from + " does not accept " + event + " (" + event + " accepts "
                + names(event.sources()) + "; " + from + " accepts " + (accepted.isEmpty() ? "nothing" : names(accepted)) + ")";
    }

    private static String names(Set<? extends Enum<?>> values) {
        return values.stream().map(Enum::name).collect(Collectors.joining(", "));
    }
}
