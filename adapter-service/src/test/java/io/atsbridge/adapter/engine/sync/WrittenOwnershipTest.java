package io.atsbridge.adapter.engine.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.atsbridge.adapter.engine.domain.FieldOwnership;
import io.atsbridge.adapter.engine.domain.WriteConflict;
import io.atsbridge.adapter.engine.domain.WriteRecord;
import io.atsbridge.connectors.CustomFieldWrite;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** What atsbridge owns of the fields it just wrote, as the ATS shows them. */
class WrittenOwnershipTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant AT = Instant.parse("2025-03-01T10:00:00Z");
    private static final WrittenOwnership.OptionNames ADVANCE_ONLY = (scope, key, optionId) ->
            optionId.equals("4001") ? Optional.of("Advance") : Optional.empty();

    @Test
    void aSelectIsOwnedByTheOptionNameTheDefinitionsGive() {
        CustomFieldWrite advance = CustomFieldWrite.option("ai_recommendation", "4001");
        Map<String, String> kinds = Map.of("CANDIDATE/ai_recommendation", WriteConflict.OPTION);

        assertThat(WrittenOwnership.needsReading(WriteRecord.CANDIDATE, List.of(advance), kinds, ADVANCE_ONLY)).isFalse();
        FieldOwnership owned = WrittenOwnership.owned("gh-acme", WriteRecord.CANDIDATE, "201", advance, Map.of(), kinds,
                ADVANCE_ONLY, AT);

        assertThat(owned).isEqualTo(new FieldOwnership("gh-acme", WriteRecord.CANDIDATE, "201", "ai_recommendation",
                FieldOwnership.Owner.ATSBRIDGE, "4001", "Advance", AT));
    }

    @Test
    void aSelectTheDefinitionsDoNotNameIsReadBackAndOwnedAsShown() throws Exception {
        CustomFieldWrite pass = CustomFieldWrite.option("ai_recommendation", "4003");
        Map<String, String> kinds = Map.of("CANDIDATE/ai_recommendation", WriteConflict.OPTION);

        assertThat(WrittenOwnership.needsReading(WriteRecord.CANDIDATE, List.of(pass), kinds, ADVANCE_ONLY)).isTrue();
        assertThat(WrittenOwnership.owned("gh-acme", WriteRecord.CANDIDATE, "201", pass,
                Map.of("ai_recommendation", json("{\"id\": 4003, \"name\": \"Pass\"}")), kinds, ADVANCE_ONLY, AT).observedText())
                .isEqualTo("Pass");
        assertThat(WrittenOwnership.owned("gh-acme", WriteRecord.CANDIDATE, "201", pass, Map.of(), kinds, ADVANCE_ONLY, AT)
                .observedText()).as("not read back: as sent").isEqualTo("4003");
    }

    @Test
    void aValueReadBackAsSentIsOwnedAsShownAndAPersonsEditInBetweenIsNot() throws Exception {
        CustomFieldWrite score = CustomFieldWrite.number("ai_score", 80);
        Map<String, String> kinds = Map.of("CANDIDATE/ai_score", WriteConflict.NUMBER);

        assertThat(WrittenOwnership.needsReading(WriteRecord.CANDIDATE, List.of(score), kinds, ADVANCE_ONLY)).isFalse();
        assertThat(WrittenOwnership.owned("gh-acme", WriteRecord.CANDIDATE, "201", score,
                Map.of("ai_score", json("80.00")), kinds, ADVANCE_ONLY, AT).observedText()).isEqualTo("80");
        // A person typed 81 between the write and the read: what atsbridge sent is what it owns.
        assertThat(WrittenOwnership.owned("gh-acme", WriteRecord.CANDIDATE, "201", score,
                Map.of("ai_score", json("81")), kinds, ADVANCE_ONLY, AT).observedText()).isEqualTo("80");
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }
}
