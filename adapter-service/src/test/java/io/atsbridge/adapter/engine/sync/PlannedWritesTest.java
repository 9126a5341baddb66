package io.atsbridge.adapter.engine.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.atsbridge.adapter.engine.domain.FieldOwnership;
import io.atsbridge.adapter.engine.domain.LoopCase;
import io.atsbridge.adapter.engine.domain.LoopCaseStatus;
import io.atsbridge.adapter.engine.domain.WriteConflict;
import io.atsbridge.adapter.engine.domain.WriteRecord;
import io.atsbridge.connectors.AtsNote;
import io.atsbridge.connectors.CustomFieldWrite;
import io.atsbridge.proto.mapping.v1.FieldScope;
import io.atsbridge.proto.mapping.v1.FieldType;
import io.atsbridge.proto.mapping.v1.FieldValue;
import io.atsbridge.proto.mapping.v1.FieldWrite;
import io.atsbridge.proto.mapping.v1.TargetField;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Which planned field values a write-back writes, keeps for a person, or leaves as a conflict. */
class PlannedWritesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant AT = Instant.parse("2025-03-01T10:00:00Z");
    private static final LoopCase CASE = new LoopCase("case-1", "acme", "gh-acme", "101", "201", null, "stage-ai", "cand-1",
            "app-1", "ai-acme", "int-1", "trace-1", LoopCaseStatus.WRITING, "trigger-1", "event-1", AT, AT, null, null, null,
            AT, AT);

    @Test
    void freeFieldsAreWrittenOnTheirRecordAndAPersonsValueBecomesAConflict() throws Exception {
        List<FieldWrite> plan = List.of(
                number("ai_score", FieldScope.FIELD_SCOPE_CANDIDATE, 80),
                text("ai_summary", FieldScope.FIELD_SCOPE_APPLICATION, "Strong"),
                option("ai_recommendation", FieldScope.FIELD_SCOPE_CANDIDATE, "4001"),
                number("ai_minutes", FieldScope.FIELD_SCOPE_CANDIDATE, 42));
        PlannedWrites.Target target = new PlannedWrites.Target("acme", "gh-acme", CASE, "202", "job-9",
                Map.of("ai_minutes", json("17")), Map.of(), Map.of(), Map.of());

        PlannedWrites writes = PlannedWrites.decide(plan, target, AT);

        assertThat(writes.candidateFields()).extracting(CustomFieldWrite::nameKey).containsExactly("ai_score", "ai_recommendation");
        assertThat(writes.applicationFields()).extracting(CustomFieldWrite::nameKey).containsExactly("ai_summary");
        assertThat(writes.kinds()).containsEntry("CANDIDATE/ai_score", WriteConflict.NUMBER)
                .containsEntry("APPLICATION/ai_summary", WriteConflict.TEXT)
                .containsEntry("CANDIDATE/ai_recommendation", WriteConflict.OPTION)
                .containsEntry("CANDIDATE/ai_minutes", WriteConflict.NUMBER);
        assertThat(writes.conflicts()).singleElement().satisfies(conflict -> {
            assertThat(conflict.fieldKey()).isEqualTo("ai_minutes");
            assertThat(conflict.scope()).isEqualTo(WriteRecord.CANDIDATE);
            assertThat(conflict.recordId()).as("the candidate the application belongs to now").isEqualTo("202");
            assertThat(conflict.theirs()).isEqualTo("17");
            assertThat(conflict.ours()).isEqualTo("42");
            assertThat(conflict.status()).isEqualTo(WriteConflict.Status.OPEN);
            assertThat(conflict.caseId()).isEqualTo("case-1");
            assertThat(conflict.traceId()).isEqualTo("trace-1");
            assertThat(conflict.jobExternalId()).isEqualTo("job-9");
            assertThat(conflict.createTime()).isEqualTo(AT);
        });
        assertThat(writes.fieldKeys()).containsExactly("ai_score", "ai_recommendation", "ai_summary");
        assertThat(writes.conflictKeys()).containsExactly("ai_minutes");
        assertThat(writes.keptKeys()).isEmpty();
    }

    @Test
    void aFieldAnOperatorKeptForAPersonIsLeftAlone() throws Exception {
        FieldOwnership kept = new FieldOwnership("gh-acme", WriteRecord.APPLICATION, "101", "ai_summary",
                FieldOwnership.Owner.PERSON, null, "Mine", AT);
        PlannedWrites writes = PlannedWrites.decide(List.of(text("ai_summary", FieldScope.FIELD_SCOPE_APPLICATION, "Strong")),
                new PlannedWrites.Target("acme", "gh-acme", CASE, "201", null, Map.of(), Map.of(),
                        Map.of("ai_summary", json("\"Mine\"")), Map.of("ai_summary", kept)), AT);

        assertThat(writes.applicationFields()).isEmpty();
        assertThat(writes.conflicts()).isEmpty();
        assertThat(writes.keptKeys()).containsExactly("ai_summary");
    }

    @Test
    void planEntriesWithoutAValueOrACustomFieldScopeAreLeftOut() {
        FieldWrite noValue = FieldWrite.newBuilder().setField(TargetField.newBuilder().setKey("ai_empty")
                .setScope(FieldScope.FIELD_SCOPE_CANDIDATE)).build();
        FieldWrite noScope = FieldWrite.newBuilder().setField(TargetField.newBuilder().setKey("ai_elsewhere")
                        .setType(FieldType.FIELD_TYPE_NUMBER))
                .setValue(FieldValue.newBuilder().setNumberValue(1)).build();

        PlannedWrites writes = PlannedWrites.decide(List.of(noValue, noScope),
                new PlannedWrites.Target("acme", "gh-acme", CASE, "201", null, Map.of(), Map.of(), Map.of(), Map.of()), AT);

        assertThat(writes.fieldKeys()).isEmpty();
        assertThat(writes.kinds()).isEmpty();
    }

    @Test
    void theRecordsNameEachFieldEachTagOnceAndTheNote() {
        PlannedWrites writes = new PlannedWrites(List.of(CustomFieldWrite.number("ai_score", 80.5)),
                List.of(CustomFieldWrite.text("ai_summary", "Strong")), Map.of(), List.of(), List.of());
        AtsNote note = new AtsNote("n-7", "AI interview ...", "u-1", "private", "");

        List<WriteRecord> records = writes.records(List.of("ai-skill:sql", "AI-Skill:SQL", "ai-skill:go"), note, "note", AT);

        assertThat(records).extracting(WriteRecord::scope, WriteRecord::fieldKey, WriteRecord::valueText, WriteRecord::noteId)
                .containsExactly(
                        tuple(WriteRecord.CANDIDATE, "ai_score", "80.5", null),
                        tuple(WriteRecord.APPLICATION, "ai_summary", "Strong", null),
                        tuple(WriteRecord.TAG, "ai-skill:sql", "ai-skill:sql", null),
                        tuple(WriteRecord.TAG, "ai-skill:go", "ai-skill:go", null),
                        tuple(WriteRecord.NOTE, "note", "AI interview ...", "n-7"));
        assertThat(writes.records(List.of(), null, "note", AT)).extracting(WriteRecord::scope)
                .containsExactly(WriteRecord.CANDIDATE, WriteRecord.APPLICATION);
    }

    private static FieldWrite number(String key, FieldScope scope, double value) {
        return FieldWrite.newBuilder().setField(TargetField.newBuilder().setKey(key).setScope(scope)
                .setType(FieldType.FIELD_TYPE_NUMBER)).setValue(FieldValue.newBuilder().setNumberValue(value)).build();
    }

    private static FieldWrite text(String key, FieldScope scope, String value) {
        return FieldWrite.newBuilder().setField(TargetField.newBuilder().setKey(key).setScope(scope)
                .setType(FieldType.FIELD_TYPE_LONG_TEXT)).setValue(FieldValue.newBuilder().setTextValue(value)).build();
    }

    private static FieldWrite option(String key, FieldScope scope, String optionId) {
        return FieldWrite.newBuilder().setField(TargetField.newBuilder().setKey(key).setScope(scope)
                .setType(FieldType.FIELD_TYPE_SINGLE_SELECT)).setValue(FieldValue.newBuilder().setOptionId(optionId)).build();
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }
}
