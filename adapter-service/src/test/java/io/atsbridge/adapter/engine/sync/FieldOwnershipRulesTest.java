package io.atsbridge.adapter.engine.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.atsbridge.adapter.engine.domain.FieldOwnership;
import io.atsbridge.adapter.engine.domain.WriteConflict;
import io.atsbridge.adapter.engine.sync.FieldOwnershipRules.Decision;
import io.atsbridge.connectors.CustomFieldWrite;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class FieldOwnershipRulesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aFieldNobodyWroteIsFreeOnlyWhileEmpty() throws Exception {
        CustomFieldWrite ours = CustomFieldWrite.number("ai_score", 80);
        assertThat(FieldOwnershipRules.decide(null, null, ours)).isEqualTo(Decision.WRITE);
        assertThat(FieldOwnershipRules.decide(null, json("null"), ours)).isEqualTo(Decision.WRITE);
        assertThat(FieldOwnershipRules.decide(null, json("\"\""), ours)).isEqualTo(Decision.WRITE);
        assertThat(FieldOwnershipRules.decide(null, json("[]"), ours)).isEqualTo(Decision.WRITE);
        assertThat(FieldOwnershipRules.decide(null, json("55"), ours)).isEqualTo(Decision.CONFLICT);
        // Already holding exactly our value is no disagreement.
        assertThat(FieldOwnershipRules.decide(null, json("80.0"), ours)).isEqualTo(Decision.WRITE);
    }

    @Test
    void atsbridgesOwnValueIsOverwrittenAndAPersonsChangeIsAConflict() throws Exception {
        FieldOwnership owned = owned("70", "70");
        CustomFieldWrite ours = CustomFieldWrite.number("ai_score", 80);
        assertThat(FieldOwnershipRules.decide(owned, json("70.00"), ours)).isEqualTo(Decision.WRITE);
        assertThat(FieldOwnershipRules.decide(owned, json("71"), ours)).isEqualTo(Decision.CONFLICT);
        // Clearing atsbridge's value is a person's edit too.
        assertThat(FieldOwnershipRules.decide(owned, null, ours)).isEqualTo(Decision.CONFLICT);
    }

    @Test
    void selectsCompareByOptionIdOrName() throws Exception {
        FieldOwnership owned = owned("4002", "Advance");
        CustomFieldWrite ours = CustomFieldWrite.option("ai_recommendation", "4003");
        assertThat(FieldOwnershipRules.decide(owned, json("\"Advance\""), ours)).isEqualTo(Decision.WRITE);
        assertThat(FieldOwnershipRules.decide(owned, json("{\"id\": 4002, \"name\": \"Advance\"}"), ours))
                .isEqualTo(Decision.WRITE);
        assertThat(FieldOwnershipRules.decide(owned, json("\"Pass\""), ours)).isEqualTo(Decision.CONFLICT);
        assertThat(FieldOwnershipRules.decide(owned, json("{\"id\": 4003, \"name\": \"Maybe\"}"), ours))
                .isEqualTo(Decision.WRITE);
        assertThat(FieldOwnershipRules.shown(json("{\"id\": 4003, \"name\": \"Maybe\"}"))).isEqualTo("Maybe");
    }

    @Test
    void textComparesExactlyAndAKeptFieldIsLeftAlone() throws Exception {
        FieldOwnership owned = owned("Strong portfolio.", "Strong portfolio.");
        CustomFieldWrite ours = CustomFieldWrite.text("ai_summary", "New summary.");
        assertThat(FieldOwnershipRules.decide(owned, json("\"Strong portfolio.\""), ours)).isEqualTo(Decision.WRITE);
        assertThat(FieldOwnershipRules.decide(owned, json("\"strong portfolio.\""), ours)).isEqualTo(Decision.CONFLICT);
        FieldOwnership kept = new FieldOwnership("gh-acme", "APPLICATION", "1", "ai_summary", FieldOwnership.Owner.PERSON,
                null, "Mine.", Instant.now());
        assertThat(FieldOwnershipRules.decide(kept, json("\"Mine.\""), ours)).isEqualTo(Decision.KEEP);
        assertThat(FieldOwnershipRules.decide(kept, null, ours)).isEqualTo(Decision.KEEP);
    }

    @Test
    void storedValuesAreWrittenAsTheirKind() {
        assertThat(FieldOwnershipRules.write("ai_score", WriteConflict.NUMBER, "72.5").value().decimalValue())
                .isEqualByComparingTo("72.5");
        assertThat(FieldOwnershipRules.write("ai_recommendation", WriteConflict.OPTION, "4003").value().isNumber()).isTrue();
        assertThat(FieldOwnershipRules.write("ai_summary", WriteConflict.TEXT, "Text").value().asText()).isEqualTo("Text");
    }

    private static FieldOwnership owned(String written, String observed) {
        return new FieldOwnership("gh-acme", "CANDIDATE", "1", "k", FieldOwnership.Owner.ATSBRIDGE, written, observed,
                Instant.now());
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }
}
