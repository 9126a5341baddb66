package io.atsbridge.adapter.sync;

import io.atsbridge.adapter.connector.CustomFieldDefinition;
import io.atsbridge.adapter.connector.CustomFieldDefinition.Option;
import io.atsbridge.proto.mapping.v1.FieldScope;
import io.atsbridge.proto.mapping.v1.FieldType;
import io.atsbridge.proto.mapping.v1.FieldValue;
import io.atsbridge.proto.mapping.v1.FieldWrite;
import io.atsbridge.proto.mapping.v1.TargetField;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Which planned custom fields fit what the ATS defines, and what the refusal says when one does not. */
class FieldDefinitionCheckTest {

    private static final List<CustomFieldDefinition> DEFINED = List.of(
            field("candidate", "ai_score", "number"),
            field("candidate", "ai_headline", "short_text"),
            field("application", "ai_summary", "long_text"),
            field("candidate", "ai_link", "short_text"),
            new CustomFieldDefinition("candidate", "ai_recommendation", "AI recommendation", "single_select",
                    List.of(new Option("11", "Advance"), new Option("12", "Pass")), true),
            new CustomFieldDefinition("candidate", "old_score", "Old score", "number", List.of(), false));

    @Test
    void fieldsOfFittingTypesAndOfferedOptionsPass() {
        assertThat(FieldDefinitionCheck.problems("Greenhouse", DEFINED, List.of(
                write("ai_score", FieldType.FIELD_TYPE_NUMBER, FieldScope.FIELD_SCOPE_CANDIDATE, 0),
                write("ai_summary", FieldType.FIELD_TYPE_SHORT_TEXT, FieldScope.FIELD_SCOPE_APPLICATION, 0),
                write("ai_headline", FieldType.FIELD_TYPE_LONG_TEXT, FieldScope.FIELD_SCOPE_CANDIDATE, 200),
                write("ai_link", FieldType.FIELD_TYPE_URL, FieldScope.FIELD_SCOPE_CANDIDATE, 0),
                option("ai_recommendation", "11"),
                option("ai_recommendation", "Pass"),
                write("stage", FieldType.FIELD_TYPE_SHORT_TEXT, FieldScope.FIELD_SCOPE_UNSPECIFIED, 0)))).isEmpty();
    }

    @Test
    void eachMisfitIsNamedWithWhatTheAtsHas() {
        List<String> problems = FieldDefinitionCheck.problems("Greenhouse", DEFINED, List.of(
                write("ai_missing", FieldType.FIELD_TYPE_NUMBER, FieldScope.FIELD_SCOPE_CANDIDATE, 0),
                write("ai_score", FieldType.FIELD_TYPE_NUMBER, FieldScope.FIELD_SCOPE_APPLICATION, 0),
                write("ai_headline", FieldType.FIELD_TYPE_NUMBER, FieldScope.FIELD_SCOPE_CANDIDATE, 0),
                write("ai_headline", FieldType.FIELD_TYPE_LONG_TEXT, FieldScope.FIELD_SCOPE_CANDIDATE, 0),
                write("old_score", FieldType.FIELD_TYPE_NUMBER, FieldScope.FIELD_SCOPE_CANDIDATE, 0),
                option("ai_recommendation", "13")));

        assertThat(problems).containsExactly(
                "candidate field ai_missing is not defined at Greenhouse (define a candidate custom field with key ai_missing "
                        + "of type number)",
                "application field ai_score is not defined at Greenhouse (define an application custom field with key ai_score "
                        + "of type number)",
                "candidate field ai_headline ('ai_headline') is short_text at Greenhouse, the profile writes number",
                "candidate field ai_headline ('ai_headline') is short_text at Greenhouse, the profile writes long_text (a short "
                        + "text field takes it when the profile limits it to 255 characters)",
                "candidate field old_score ('Old score') is inactive at Greenhouse (activate it)",
                "candidate field ai_recommendation ('AI recommendation') has no option 13 at Greenhouse (it offers Advance = 11, "
                        + "Pass = 12)");
    }

    private static CustomFieldDefinition field(String scope, String key, String type) {
        return new CustomFieldDefinition(scope, key, key, type, List.of(), true);
    }

    private static FieldWrite write(String key, FieldType type, FieldScope scope, int maxLength) {
        return FieldWrite.newBuilder()
                .setField(TargetField.newBuilder().setKey(key).setType(type).setScope(scope).setMaxLength(maxLength))
                .setValue(FieldValue.newBuilder().setTextValue("x"))
                .build();
    }

    private static FieldWrite option(String key, String optionId) {
        return FieldWrite.newBuilder()
                .setField(TargetField.newBuilder().setKey(key).setType(FieldType.FIELD_TYPE_SINGLE_SELECT)
                        .setScope(FieldScope.FIELD_SCOPE_CANDIDATE))
                .setValue(FieldValue.newBuilder().setOptionId(optionId))
                .build();
    }
}
