package io.atsbridge.adapter.engine.sync;

import io.atsbridge.adapter.connections.domain.Connection;
import io.atsbridge.adapter.engine.domain.AssessmentPartners;
import io.atsbridge.adapter.engine.domain.AuditEntry;
import io.atsbridge.adapter.engine.domain.ClaimedEvent;
import io.atsbridge.adapter.engine.domain.LoopCase;
import io.atsbridge.adapter.engine.domain.LoopCaseStatus;
import io.atsbridge.adapter.engine.domain.LoopEnding;
import io.atsbridge.adapter.engine.domain.LoopStore;
import io.atsbridge.adapter.engine.domain.LoopTransitions;
import io.atsbridge.adapter.engine.domain.LoopTransitions.Event;
import io.atsbridge.connectors.aivendor.InterviewEnding;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The AI vendor says an interview ended without a result — declined by the candidate, expired at the vendor,
 * abandoned or failed, cancelled by the vendor: the case ends so (from INVITED), the recruiter is told on the ATS
 * record ({@link LoopEnding}, stored with the ending) and the audit log says how and why. An ending of a case that is
 * past its invitation (a result came first) changes nothing; one of an assessment an ATS ordered is no loop's business;
 * one of an interview no case has recorded yet is retried (the vendor can be faster than the invitation's bookkeeping)
 * and ends as a dead letter naming the interview if none ever does.
 */
@Singleton
final class InterviewEndingStep {

    static final String INTERVIEW_ENDED = "interview.ended";

    private final LoopStore cases;
    private final AssessmentPartners assessments;
    private final EndingNotices notices;
    private final Clock clock;

    InterviewEndingStep(LoopStore cases, AssessmentPartners assessments, EndingNotices notices, Clock clock) {
        this.cases = cases;
        this.assessments = assessments;
        this.notices = notices;
        this.clock = clock;
    }

    Outcome process(ClaimedEvent event, Connection ai) {
        InterviewEnding ending;
        try {
            ending = InterviewEnding.parse(event.rawBody());
        } catch (RuntimeException e) {
            throw Failures.classify("reading the " + event.vendorEventType() + " body", e)
                    .withAudit(List.of(AuditRecords.received(event, event.id(), "", Map.of("outcome", "FAILED"), now())));
        }
        Optional<LoopCase> found = cases.findByInterview(ai.id(), ending.interviewId());
        if (found.isEmpty()) {
            if (assessments.findByInterview(event.tenantId(), ai.id(), ending.interviewId()).isPresent()) {
                return Outcome.ignored("interview " + ending.interviewId() + " of connection " + ai.id() + " is an assessment "
                        + "an ATS ordered, no loop case's: its " + ending.kind() + " changes no case",
                        List.of(AuditRecords.received(event, event.id(), "", Map.of("interview_id", ending.interviewId(),
                                "outcome", "IGNORED"), now())));
            }
            // The vendor may report the ending before the case that invited it has stored the interview id: retried,
            // and a dead letter with this reason if no case ever claims it, so no ending is dropped unseen.
            throw new TransientFailure("no loop case has recorded interview " + ending.interviewId() + " of connection "
                    + ai.id() + " (yet); its " + ending.kind() + " waits for it");
        }
        LoopCase loopCase = found.get();
        Event transition = switch (ending.kind()) {
            case DECLINED -> Event.DECLINE;
            case EXPIRED -> Event.EXPIRE;
            case FAILED -> Event.ABANDON;
            case CANCELLED -> Event.CANCEL;
        };
        LoopEnding.Ending told = switch (ending.kind()) {
            case DECLINED -> LoopEnding.Ending.DECLINED;
            case EXPIRED -> LoopEnding.Ending.EXPIRED;
            case FAILED -> LoopEnding.Ending.ABANDONED;
            case CANCELLED -> LoopEnding.Ending.CANCELLED;
        };
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("interview_id", ending.interviewId());
        attributes.put("case_id", loopCase.id());
        attributes.put("ending", transition.target().name());
        attributes.put("reason", ending.reason());
        Instant now = now();
        if (!LoopTransitions.accepts(loopCase.status(), transition)) {
            return settled(event, loopCase, ending, attributes, now);
        }
        String detail = "the AI vendor reported interview " + ending.interviewId() + " " + ending.kind().type()
                + (ending.reason().isEmpty() ? "" : " (" + ending.reason() + ")");
        List<AuditEntry> audit = List.of(
                AuditRecords.received(event, loopCase.traceId(), loopCase.applicationId(), withOutcome(attributes,
                        transition.target().name()), now),
                AuditRecords.record(event, loopCase.traceId(), INTERVIEW_ENDED, loopCase.applicationId(), ai.id(), attributes,
                        LoopIds.sha256(event.rawBody()), now));
        if (!cases.markEnded(loopCase.id(), transition, detail, now, audit, notices.of(loopCase, told))) {
            return settled(event, cases.find(loopCase.id()).orElse(loopCase), ending, attributes, now);
        }
        return Outcome.done(detail + ": case " + loopCase.id() + " is " + transition.target(), List.of());
    }

    /** The ending met a case that is no longer INVITED: it already ended so, or a result got there first. */
    private Outcome settled(ClaimedEvent event, LoopCase loopCase, InterviewEnding ending, Map<String, String> attributes,
                            Instant now) {
        boolean same = loopCase.status().name().equals(attributes.get("ending"));
        String why = same ? "already " + loopCase.status() : loopCase.status() == LoopCaseStatus.TRIGGERED
                ? "still being invited" : "already " + loopCase.status() + ", which an ending does not change";
        if (loopCase.status() == LoopCaseStatus.TRIGGERED) {
            throw new TransientFailure("case " + loopCase.id() + " of interview " + ending.interviewId() + " is " + why);
        }
        return Outcome.ignored("interview " + ending.interviewId() + " " + ending.kind().type() + ": case " + loopCase.id()
                + " is " + why, List.of(AuditRecords.received(event, loopCase.traceId(), loopCase.applicationId(),
                withOutcome(attributes, "IGNORED"), now)));
    }

    private static Map<String, String> withOutcome(Map<String, String> attributes, String outcome) {
        Map<String, String> with = new LinkedHashMap<>(attributes);
        with.put("outcome", outcome);
        return with;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
