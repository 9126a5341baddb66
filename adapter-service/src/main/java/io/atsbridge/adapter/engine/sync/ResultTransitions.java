package io.atsbridge.adapter.engine.sync;

import io.atsbridge.adapter.engine.domain.AuditEntry;
import io.atsbridge.adapter.engine.domain.ClaimedEvent;
import io.atsbridge.adapter.engine.domain.LoopCase;
import io.atsbridge.adapter.engine.domain.LoopCaseStatus;
import io.atsbridge.adapter.engine.domain.LoopEnding;
import io.atsbridge.adapter.engine.domain.LoopStore;
import io.atsbridge.adapter.engine.domain.LoopTransitions;
import io.atsbridge.adapter.engine.domain.LoopTransitions.Event;
import io.atsbridge.connectors.aivendor.InterviewResult;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a delivered interview result does to its loop case, by {@link LoopTransitions}: the event takes the case
 * into WRITING with the transition the case's state accepts — {@link Event#START_WRITING} when invited (or when
 * this event was writing it already), {@link Event#START_REWRITING} for another result of a written case,
 * {@link Event#RESUME_WRITING} for the replayed dead letter of the event that was writing it — or learns why not.
 * One writer per case: the store's guarded update lets only one event in. When the write-back fails, the case
 * is failed or given back for another attempt.
 */
@Singleton
final class ResultTransitions {

    /** The events a delivered result may apply, in the order a case's state is matched against them. */
    private static final List<Event> RESULT_EVENTS = List.of(Event.START_REWRITING, Event.START_WRITING,
            Event.RESUME_WRITING);

    /** How a delivered result meets its case. */
    sealed interface Arrival permits Apply, Busy, Stays, Blocked, Refused {
    }

    /** The event takes the case with this transition. */
    record Apply(Event event) implements Arrival {
    }

    /**
     * Another inbox event is writing the case: try again later. Every way into WRITING names the writer, so
     * {@code writerEventId} is null only in a row none of them made.
     */
    record Busy(@Nullable String writerEventId) implements Arrival {
    }

    /** The case failed while another event was writing it: that event's dead letter is the one to replay. */
    record Stays() implements Arrival {
    }

    /** Consent stopped the case's write-back: another delivery changes nothing until consent is asked again. */
    record Blocked() implements Arrival {
    }

    /** No transition takes a result where the case stands. */
    record Refused() implements Arrival {
    }

    private final LoopStore cases;
    private final EndingNotices notices;
    private final Clock clock;

    ResultTransitions(LoopStore cases, EndingNotices notices, Clock clock) {
        this.notices = notices;
        this.clock = clock;
        this.cases = cases;
    }

    /** How a result delivered by {@code eventId} meets the case as it stands. */
    static Arrival arrival(LoopCase loopCase, String eventId) {
        LoopCaseStatus status = loopCase.status();
        Optional<Event> event = RESULT_EVENTS.stream().filter(e -> LoopTransitions.accepts(status, e)).findFirst();
        if (event.isEmpty()) {
            return status == LoopCaseStatus.CONSENT_BLOCKED ? new Blocked() : new Refused();
        }
        boolean writer = eventId.equals(loopCase.writerEventId());
        if (event.get() == Event.START_WRITING && status == LoopCaseStatus.WRITING && !writer) {
            return new Busy(loopCase.writerEventId());
        }
        if (event.get() == Event.RESUME_WRITING && !writer) {
            return new Stays();
        }
        return new Apply(event.get());
    }

    /**
     * Takes the case into WRITING for the event, storing the arrival's audit records with the move.
     *
     * @param arrival the records of the result's arrival, stored with the move
     * @return empty when the event writes the case now; else how the event ends (already written, consent-blocked)
     * @throws TransientFailure when another event writes the case, or it moved meanwhile
     * @throws PermanentFailure CASE_STATE when the case failed, or is where no result can be written
     */
    Optional<Outcome> begin(ClaimedEvent event, LoopCase loopCase, InterviewResult result, String resultSha256,
                            List<AuditEntry> arrival, Instant received) {
        Map<String, String> refs = Map.of("interview_id", result.interviewId());
        Arrival meets = arrival(loopCase, event.id());
        boolean started;
        if (meets instanceof Apply apply) {
            started = apply(apply.event(), loopCase.id(), event.id(), result, resultSha256, arrival, received);
            // A re-scored result (another result for the same interview) is written again; the same one is not.
            if (!started && apply.event() == Event.START_REWRITING
                    && cases.find(loopCase.id()).orElseThrow().status() == LoopCaseStatus.WRITTEN) {
                return Optional.of(Outcome.ignored("results of interview " + result.interviewId() + " are already written "
                        + "(case " + loopCase.id() + ")", List.of(AuditRecords.received(event, loopCase.traceId(),
                        loopCase.applicationId(), WriteBackAudit.withOutcome(refs, "IGNORED"), now()))));
            }
        } else if (meets instanceof Busy busy) {
            throw new TransientFailure("inbox event " + busy.writerEventId() + " is writing the results of interview "
                    + result.interviewId() + " (case " + loopCase.id() + ")");
        } else if (meets instanceof Blocked) {
            return Optional.of(Outcome.blocked("results of interview " + result.interviewId() + " are not written: "
                            + (loopCase.detail() == null ? "consent stopped the write-back" : loopCase.detail()),
                    List.of(AuditRecords.received(event, loopCase.traceId(), loopCase.applicationId(),
                            WriteBackAudit.withOutcome(refs, "BLOCKED"), received))));
        } else if (meets instanceof Refused) {
            throw new PermanentFailure(FailureReason.CASE_STATE, "case " + loopCase.id() + " of interview "
                    + result.interviewId() + " is " + loopCase.status() + (loopCase.detail() == null ? "" : ": "
                    + loopCase.detail()));
        } else {
            started = false;
        }
        if (!started) {
            return Optional.of(notStarted(loopCase, result));
        }
        return Optional.empty();
    }

    /** After a failed write-back: fails the case when the failure ends it, else gives it back for another attempt. */
    void end(LoopCase loopCase, String eventId, SyncFailure failure, boolean lastAttempt) {
        if (failure.notBefore().isPresent()) {
            // Held until a notice period has passed: the case stays WRITING by this event, which resumes it then (an
            // INVITED case would be taken for an invitation that stood too long).
            return;
        }
        if (failure.endsCase(lastAttempt)) {
            cases.markFailed(loopCase.id(), eventId, failure.getMessage(), now(), List.of(),
                    notices.of(loopCase, LoopEnding.Ending.FAILED));
        } else {
            cases.releaseWriting(loopCase.id(), eventId, failure.getMessage(), now());
        }
    }

    private boolean apply(Event transition, String caseId, String eventId, InterviewResult result, String resultSha256,
                          List<AuditEntry> arrival, Instant received) {
        return switch (transition) {
            case START_REWRITING -> cases.startRewriting(caseId, eventId, resultSha256, result.completedAt(), received, arrival);
            case START_WRITING -> cases.startWriting(caseId, eventId, result.completedAt(), received, arrival);
            case RESUME_WRITING -> cases.resumeWriting(caseId, eventId, received, arrival);
            default -> throw new IllegalStateException("a delivered result does not apply " + transition);
        };
    }

    /** The event did not take the case: it was written, failed or taken meanwhile. */
    private Outcome notStarted(LoopCase before, InterviewResult result) {
        LoopCase now = cases.find(before.id()).orElseThrow();
        if (now.status() == LoopCaseStatus.WRITTEN && before.status() != LoopCaseStatus.WRITTEN) {
            return Outcome.ignored("results of interview " + result.interviewId() + " were written meanwhile (case "
                    + before.id() + ")", List.of());
        }
        if (now.status() == LoopCaseStatus.FAILED) {
            throw new PermanentFailure(FailureReason.CASE_STATE, "case " + before.id() + " of interview " + result.interviewId()
                    + " failed: " + now.detail() + (now.writerEventId() == null ? "" : "; once the cause is fixed, replay "
                    + "the dead letter " + now.writerEventId() + " to write the result again"));
        }
        throw new TransientFailure("case " + before.id() + " is " + now.status() + " (writer " + now.writerEventId()
                + "); trying again later");
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
