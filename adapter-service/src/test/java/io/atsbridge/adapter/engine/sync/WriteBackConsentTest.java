package io.atsbridge.adapter.engine.sync;

import io.atsbridge.adapter.connections.domain.SyncSettings;
import io.atsbridge.proto.common.v1.Candidate;
import io.atsbridge.proto.consent.v1.Decision;
import io.atsbridge.proto.consent.v1.EvaluatePolicyResponse;
import io.atsbridge.proto.consent.v1.RuleOutcome;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Where consent to write back is asked about, and what a refusal says. */
class WriteBackConsentTest {

    private static final SyncSettings SYNC = new SyncSettings("AI Interview", "gh-acme-default", "ai-acme", "7", "kit",
            List.of("US-NY-NYC"), null);

    @Test
    void theCandidatesPlacesComeFirstAndTheConnectionsDefaultsOtherwise() {
        assertThat(WriteBackConsent.jurisdictions(Candidate.newBuilder().addJurisdictions("US-IL").build(), SYNC))
                .containsExactly("US-IL");
        assertThat(WriteBackConsent.jurisdictions(Candidate.getDefaultInstance(), SYNC)).containsExactly("US-NY-NYC");
    }

    @Test
    void aRefusalNamesTheDecisionThePlacesTheUnmetRulesAndTheRulePack() {
        EvaluatePolicyResponse decision = EvaluatePolicyResponse.newBuilder()
                .setDecision(Decision.DECISION_REQUIRE_CONSENT)
                .addRules(RuleOutcome.newBuilder().setRuleId("NYC-01").setSatisfied(true))
                .addRules(RuleOutcome.newBuilder().setRuleId("IL-06").setSatisfied(false))
                .setRulePackVersion("pack-7")
                .build();

        assertThat(WriteBackConsent.blockedDetail(decision, List.of("US-IL", "US-NY-NYC"), "int-1", "101"))
                .isEqualTo("consent DECISION_REQUIRE_CONSENT for WRITE_BACK in US-IL, US-NY-NYC (unsatisfied rules: IL-06; "
                        + "rule pack pack-7): the results of interview int-1 were not written to application 101");
        assertThat(WriteBackConsent.blockedDetail(EvaluatePolicyResponse.newBuilder().setDecision(Decision.DECISION_DENY)
                .setRulePackVersion("pack-7").build(), List.of("EU"), "int-1", "101"))
                .contains("(unsatisfied rules: none listed; rule pack pack-7)");
    }
}
