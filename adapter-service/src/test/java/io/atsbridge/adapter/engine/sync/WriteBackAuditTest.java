package io.atsbridge.adapter.engine.sync;

import io.atsbridge.adapter.engine.domain.LoopCase;
import io.atsbridge.adapter.engine.domain.LoopCaseStatus;
import io.atsbridge.adapter.engine.domain.WriteConflict;
import io.atsbridge.connectors.AtsNote;
import io.atsbridge.connectors.CustomFieldWrite;
import io.atsbridge.connectors.aivendor.InterviewResult;
import io.atsbridge.proto.mapping.v1.AssessmentAttribute;
import io.atsbridge.proto.mapping.v1.DroppedItem;
import io.atsbridge.proto.mapping.v1.WritePlan;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/** The write-back's audit attributes (ids, keys and counts only) and its outcome text. */
class WriteBackAuditTest {

    private static final Instant AT = Instant.parse("2025-03-01T10:00:00Z");
    private static final LoopCase CASE = new LoopCase("case-1", "acme", "gh-acme", "101", "201", null, "stage-ai", "cand-1",
            "app-1", "ai-acme", "int-1", "trace-1", LoopCaseStatus.WRITING, "trigger-1", "event-1", AT, AT, null, null, null,
            AT, AT);
    private static final WritePlan PLAN = WritePlan.newBuilder().setProfileId("gh-acme-default").setProfileVersion(3)
            .addTags("ai-skill:sql").addTags("ai-skill:go")
            .addDropped(DroppedItem.newBuilder().setSource(AssessmentAttribute.ASSESSMENT_ATTRIBUTE_RATIONALE)
                    .setReason("CONNECTOR_CANNOT_WRITE"))
            .build();

    @Test
    void aWriteBackSaysWhatItWroteWhatItLeftToAPersonAndWhatItLeftOut() {
        PlannedWrites writes = new PlannedWrites(List.of(CustomFieldWrite.number("ai_score", 80)),
                List.of(CustomFieldWrite.text("ai_summary", "Strong")), Map.of(), List.of(conflict("ai_minutes")),
                List.of("ai_level"));
        WriteBackAudit.Written written = new WriteBackAudit.Written(writes, PLAN, true,
                new AtsNote("n-7", "...", "u-1", "private", ""), "int-1", CASE);

        assertThat(written.attributes()).containsExactly(
                entry("field_keys", "ai_score,ai_summary"),
                entry("conflict_field_keys", "ai_minutes"),
                entry("kept_field_keys", "ai_level"),
                entry("rescored", "true"),
                entry("profile_id", "gh-acme-default"),
                entry("profile_version", "3"),
                entry("note_id", "n-7"),
                entry("tag_count", "2"),
                entry("dropped_count", "1"),
                entry("interview_id", "int-1"),
                entry("application_external_id", "101"),
                entry("case_id", "case-1"));
        assertThat(written.detail()).isEqualTo("re-scored result: wrote 2 field(s) [ai_score, ai_summary], 2 tag(s) and note "
                + "n-7 to application 101 with mapping profile gh-acme-default v3; left to a person's edit (conflict for "
                + "review): [ai_minutes]; kept as a person set them: [ai_level]; left out: "
                + "ASSESSMENT_ATTRIBUTE_RATIONALE CONNECTOR_CANNOT_WRITE");
    }

    @Test
    void aPlainWriteBackSaysOnlyWhatItWrote() {
        WriteBackAudit.Written written = new WriteBackAudit.Written(new PlannedWrites(List.of(), List.of(), Map.of(),
                List.of(), List.of()), WritePlan.newBuilder().setProfileId("p").setProfileVersion(1).build(), false, null,
                "int-1", CASE);

        assertThat(written.detail()).isEqualTo("wrote 0 field(s) [], 0 tag(s) to application 101 with mapping profile p v1");
        assertThat(written.attributes()).containsEntry("note_id", "").containsEntry("rescored", "false");
    }

    @Test
    void resultConflictAndBlockAttributesCarryIdsNotValues() {
        InterviewResult result = new InterviewResult("int-1", "201", "job-9", Map.of(), 80, 0, 100, "advance", List.of(),
                "Strong in SQL", 0.9, List.of("sql"), null, null, "model-x", "2025-01", "p-4", AT);
        assertThat(WriteBackAudit.resultReceived(result, CASE)).containsExactly(entry("interview_id", "int-1"),
                entry("model_id", "model-x"), entry("model_version", "2025-01"), entry("prompt_version", "p-4"),
                entry("case_id", "case-1"));
        assertThat(WriteBackAudit.conflict(conflict("ai_minutes"), "case-1", "int-1")).containsExactly(
                entry("field_key", "ai_minutes"), entry("scope", "CANDIDATE"), entry("case_id", "case-1"),
                entry("interview_id", "int-1")).doesNotContainValue("17");
        assertThat(WriteBackAudit.writeBlocked("DECISION_REQUIRE_CONSENT", List.of("IL-06", "NYC-01"), "case-1", "int-1"))
                .containsExactly(entry("decision", "DECISION_REQUIRE_CONSENT"), entry("unsatisfied_rule_ids", "IL-06,NYC-01"),
                        entry("case_id", "case-1"), entry("interview_id", "int-1"));
        assertThat(WriteBackAudit.withOutcome(Map.of("interview_id", "int-1"), "BLOCKED"))
                .containsExactly(entry("interview_id", "int-1"), entry("outcome", "BLOCKED"));
    }

    private static WriteConflict conflict(String key) {
        return new WriteConflict("c-1", 0, "acme", "gh-acme", "case-1", "trace-1", "CANDIDATE", "201", "201", "101", null, key,
                WriteConflict.NUMBER, "17", "42", WriteConflict.Status.OPEN, AT, AT, null, null, null);
    }
}
