package io.atsbridge.adapter.engine.sync;

import io.atsbridge.connectors.AtsConnector;
import io.atsbridge.connectors.AtsNote;
import io.atsbridge.proto.mapping.v1.NoteVisibility;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The write-back's note: what it carries, so that each result adds it once. */
class ResultNoteTest {

    private static final String SHA = "0123456789abcdef" + "f".repeat(48);
    private static final String OTHER_SHA = "fedcba9876543210" + "0".repeat(48);

    @Test
    void theBodyCitesTheTraceOnceAndTheResultReference() {
        assertThat(ResultNote.body("AI interview: 80/100", "trace-1", SHA))
                .isEqualTo("AI interview: 80/100\nAudit reference: trace-1\nResult reference: 0123456789abcdef");
        assertThat(ResultNote.body("AI interview (audit trace-1)\n", "trace-1", SHA))
                .isEqualTo("AI interview (audit trace-1)\nResult reference: 0123456789abcdef");
    }

    @Test
    void aNoteCarryingTheTraceAndThisResultsReferenceIsNotAddedAgain() {
        AtsNote earlier = note("n-1", ResultNote.body("AI interview", "trace-1", SHA));
        AtsNote otherCase = note("n-2", ResultNote.body("AI interview", "trace-2", SHA));

        assertThat(ResultNote.added(List.of(otherCase, earlier), "trace-1", SHA)).contains(earlier);
        assertThat(ResultNote.added(List.of(otherCase, earlier), "trace-1", OTHER_SHA)).as("a re-scored result").isEmpty();
        assertThat(ResultNote.added(List.of(otherCase), "trace-1", SHA)).isEmpty();
    }

    @Test
    void aReScoredResultsNoteIsRecordedBesideTheFirst() {
        assertThat(ResultNote.recordKey(false, SHA)).isEqualTo("note");
        assertThat(ResultNote.recordKey(true, SHA)).isEqualTo("note:0123456789abcdef");
        assertThat(ResultNote.reference(SHA)).isEqualTo("0123456789abcdef");
    }

    @Test
    void visibilityIsAsPlannedAndOtherwiseTheMostRestricted() {
        assertThat(ResultNote.visibility(NoteVisibility.NOTE_VISIBILITY_PUBLIC)).isEqualTo(AtsConnector.NoteVisibility.PUBLIC);
        assertThat(ResultNote.visibility(NoteVisibility.NOTE_VISIBILITY_PRIVATE)).isEqualTo(AtsConnector.NoteVisibility.PRIVATE);
        assertThat(ResultNote.visibility(NoteVisibility.NOTE_VISIBILITY_ADMIN_ONLY))
                .isEqualTo(AtsConnector.NoteVisibility.RESTRICTED);
        assertThat(ResultNote.visibility(NoteVisibility.NOTE_VISIBILITY_UNSPECIFIED))
                .isEqualTo(AtsConnector.NoteVisibility.RESTRICTED);
    }

    private static AtsNote note(String id, String body) {
        return new AtsNote(id, body, "u-1", "private", "");
    }
}
