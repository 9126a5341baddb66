package io.atsbridge.adapter.engine.sync;

import io.atsbridge.adapter.connections.connector.Connectors;
import io.atsbridge.adapter.connections.domain.Connection;
import io.atsbridge.adapter.connections.domain.SyncSettings;
import io.atsbridge.adapter.engine.domain.ClaimedEvent;
import io.atsbridge.adapter.engine.domain.LoopCase;
import io.atsbridge.adapter.engine.domain.LoopCaseStatus;
import io.atsbridge.adapter.engine.domain.LoopEnding;
import io.atsbridge.adapter.engine.domain.LoopStore;
import io.atsbridge.connectors.AtsApplication;
import io.atsbridge.connectors.AtsCandidate;
import io.atsbridge.connectors.AtsConnector;
import io.atsbridge.connectors.AtsNote;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Tells the recruiter on the ATS record how a loop case ended when it ended without a written result: an attributed
 * note saying what happened and what to do, and a tag on the candidate where the ATS has tags. The note cites the
 * case's trace id and the ending's notice reference, so a retried event finds the note an earlier attempt added and
 * does not add another. A case that moved on before the note went out (its result written after all, or started
 * again) is not told about. Nothing else is touched: the application stays in its stage and is never rejected.
 */
@Singleton
final class EndingNoteStep {

    private final LoopStore cases;
    private final Connectors connectors;
    private final Clock clock;

    EndingNoteStep(LoopStore cases, Connectors connectors, Clock clock) {
        this.cases = cases;
        this.connectors = connectors;
        this.clock = clock;
    }

    /**
     * @throws SyncFailure when the ATS could not be read or written (retried, then a dead letter for an operator)
     */
    Outcome process(ClaimedEvent event, Connection ats, SyncSettings sync) {
        LoopEnding ending = LoopEnding.parse(event.rawBody()).orElseThrow(() -> new PermanentFailure(
                FailureReason.MALFORMED_PAYLOAD, "inbox event " + event.id() + " of connection " + ats.id()
                + " is not a loop ending (expected a JSON body with case_id, application_id and ending)"));
        Optional<LoopCase> found = cases.find(ending.caseId());
        if (found.isEmpty() || !found.get().tenantId().equals(event.tenantId()) || !found.get().atsConnectionId().equals(ats.id())) {
            throw new PermanentFailure(FailureReason.CASE_STATE, "connection " + ats.id() + " has no loop case "
                    + ending.caseId() + " to tell the ending of");
        }
        LoopCase loopCase = found.get();
        LoopCaseStatus endedIn = LoopEnding.state(ending.ending());
        if (loopCase.status() != endedIn) {
            // The case moved on before the note went out (a replayed dead letter wrote the result, a new stage move
            // started it again): the ending no longer holds, and telling it would mislead.
            return Outcome.ignored("case " + loopCase.id() + " is " + loopCase.status() + " now, no longer " + endedIn
                    + ": its ending " + ending.ending() + " is not told", List.of(AuditRecords.received(event,
                    loopCase.traceId(), loopCase.applicationId(), Map.of("case_id", loopCase.id(), "ending",
                            ending.ending().name(), "outcome", "IGNORED"), clock.instant().truncatedTo(ChronoUnit.MICROS))));
        }
        String reference = "Notice reference: " + event.deliveryKey().substring(LoopEnding.KEY_PREFIX.length());
        Map<String, String> refs = new LinkedHashMap<>();
        refs.put("case_id", loopCase.id());
        refs.put("ending", ending.ending().name());
        try {
            AtsConnector client = connectors.ats(ats, sync.onBehalfOf());
            AtsApplication application = client.getApplication(ending.applicationExternalId());
            boolean noted = false;
            String noteId = "";
            if (client.capabilities().notes()) {
                Optional<AtsNote> earlier = client.notes(application).stream()
                        .filter(note -> note.body().contains(loopCase.traceId()) && note.body().contains(reference)).findFirst();
                AtsNote note = earlier.isPresent() ? earlier.get() : client.addNote(application, body(ending, loopCase, reference),
                        AtsConnector.NoteVisibility.RESTRICTED);
                noted = true;
                noteId = note.id();
            }
            if (client.capabilities().tags()) {
                AtsCandidate candidate = client.getCandidate(application.candidateId());
                client.updateCandidate(candidate, application, List.of(), List.of(ending.ending().tag()));
            }
            refs.put("note_id", noteId);
            String what = noted ? "note " + noteId : "no note (the ATS takes none)";
            return Outcome.done("told the recruiter on application " + ending.applicationExternalId() + " that case "
                            + loopCase.id() + " ended " + ending.ending() + ": " + what,
                    List.of(AuditRecords.record(event, loopCase.traceId(), AuditRecords.ENDING_NOTED, loopCase.applicationId(),
                            ats.id(), refs, new byte[0], clock.instant().truncatedTo(ChronoUnit.MICROS))));
        } catch (RuntimeException e) {
            throw Failures.classify("telling the recruiter on application " + ending.applicationExternalId()
                    + " that case " + loopCase.id() + " ended " + ending.ending(), e);
        }
    }

    private static String body(LoopEnding ending, LoopCase loopCase, String reference) {
        return "atsbridge: " + ending.ending().guidance() + "\nAudit reference: " + loopCase.traceId() + "\n" + reference;
    }
}
