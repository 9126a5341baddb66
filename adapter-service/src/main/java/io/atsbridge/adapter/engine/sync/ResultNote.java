package io.atsbridge.adapter.engine.sync;

import io.atsbridge.connectors.AtsApplication;
import io.atsbridge.connectors.AtsConnector;
import io.atsbridge.connectors.AtsNote;
import io.atsbridge.proto.mapping.v1.NoteVisibility;
import io.atsbridge.proto.mapping.v1.WritePlan;

import java.util.List;
import java.util.Optional;

/**
 * The attributed note a write-back adds, once per result. Its body cites the case's trace id and the result's
 * short reference; a note on the feed that carries both was added by an earlier attempt and is not added
 * again. A re-scored result has another reference, so it adds a note of its own beside the first one's.
 */
final class ResultNote {

    /** The write record key of a case's first note. */
    static final String FIRST_KEY = "note";

    private ResultNote() {
    }

    /** The short result reference a note carries, so each result adds its note once. */
    static String reference(String resultSha256) {
        return resultSha256.substring(0, 16);
    }

    /** The note's body: the planned one, citing the trace id (unless it does already) and the result reference. */
    static String body(String planned, String traceId, String resultSha256) {
        String body = planned;
        if (!body.contains(traceId)) {
            body = body + "\nAudit reference: " + traceId;
        }
        String reference = referenceLine(resultSha256);
        return body.endsWith("\n") ? body + reference : body + "\n" + reference;
    }

    /** The note an earlier attempt added for this result, if one is on the feed. */
    static Optional<AtsNote> added(List<AtsNote> feed, String traceId, String resultSha256) {
        String reference = referenceLine(resultSha256);
        return feed.stream().filter(note -> note.body().contains(traceId) && note.body().contains(reference)).findFirst();
    }

    /** Who may read the note: as planned; unset means the ATS default, and restricted shows the AI's view to the fewest. */
    static AtsConnector.NoteVisibility visibility(NoteVisibility planned) {
        return switch (planned) {
            case NOTE_VISIBILITY_PUBLIC -> AtsConnector.NoteVisibility.PUBLIC;
            case NOTE_VISIBILITY_PRIVATE -> AtsConnector.NoteVisibility.PRIVATE;
            default -> AtsConnector.NoteVisibility.RESTRICTED;
        };
    }

    /** The write record key of the note: each re-scored result's note is kept beside the first one's. */
    static String recordKey(boolean rescored, String resultSha256) {
        return rescored ? FIRST_KEY + ":" + reference(resultSha256) : FIRST_KEY;
    }

    /** The plan's note on the application's feed: the one an earlier attempt added, else added now. */
    static AtsNote add(AtsConnector ats, AtsApplication application, WritePlan plan, String traceId, String resultSha256) {
        String body = body(plan.getNote().getBody(), traceId, resultSha256);
        Optional<AtsNote> added = added(ats.notes(application), traceId, resultSha256);
        if (added.isPresent()) {
            return added.get();
        }
        return ats.addNote(application, body, visibility(plan.getNote().getVisibility()));
    }

    private static String referenceLine(String resultSha256) {
        return "Result reference: " + reference(resultSha256);
    }
}
