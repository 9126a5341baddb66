package io.atsbridge.consent.domain;

import io.micronaut.core.io.ResourceResolver;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** Pins which rules of the shipped pack the engine decides on, so a change to the mapping is a visible diff. */
class RequirementTest {

    @Test
    void theShippedPackMapsToTheseRequirements() {
        Map<String, Requirement> understood = new TreeMap<>();
        for (Rule rule : RulePackLoader.load("classpath:rules/jurisdiction-rules-2026-11.csv", new ResourceResolver()).rules()) {
            Requirement.of(rule.obligation()).ifPresent(requirement -> understood.put(rule.id(), requirement));
        }
        Map<String, Requirement> expected = new TreeMap<>();
        for (String id : new String[] {"IL-01", "IL-06", "MD-01", "CA-07", "EU-02", "CA-QC-03", "REC-FL", "REC-IL",
                "REC-MD", "REC-MA", "REC-MT", "REC-NH", "REC-PA", "REC-WA", "REC-NV", "REC-CT", "REC-DE", "REC-MI",
                "REC-OR"}) {
            expected.put(id, Requirement.CONSENT);
        }
        for (String id : new String[] {"NYC-04", "IL-04", "IL-05", "IL-10", "CO-02", "CA-01", "EU-03", "EU-11",
                "EU-17", "CA-ON-01", "CA-QC-01"}) {
            expected.put(id, Requirement.NOTICE);
        }
        for (String id : new String[] {"EU-08", "EU-15", "CO-04", "CA-QC-02"}) {
            expected.put(id, Requirement.HUMAN_REVIEW);
        }
        expected.put("EU-10", Requirement.PROHIBITION);
        assertThat(understood).isEqualTo(expected);
    }

    @Test
    void requirementsConstrainOnlyTheirActions() {
        assertThat(Requirement.CONSENT.constrains(PolicyAction.AI_INTERVIEW)).isTrue();
        assertThat(Requirement.CONSENT.constrains(PolicyAction.WRITE_BACK)).as("a withdrawal stops the write-back").isTrue();
        assertThat(Requirement.CONSENT.constrains(PolicyAction.AI_SCORING)).isFalse();
        assertThat(Requirement.CONSENT.constrains(PolicyAction.RETAIN)).isFalse();
        assertThat(Requirement.HUMAN_REVIEW.constrains(PolicyAction.AI_SCORING)).isTrue();
        assertThat(Requirement.HUMAN_REVIEW.constrains(PolicyAction.WRITE_BACK)).isTrue();
        assertThat(Requirement.HUMAN_REVIEW.constrains(PolicyAction.AI_INTERVIEW)).isFalse();
        assertThat(Requirement.NOTICE.constrains(PolicyAction.RETAIN)).isFalse();
        assertThat(Requirement.PROHIBITION.constrains(PolicyAction.RETAIN)).isTrue();
        assertThat(Requirement.of("retention_max_days")).isEqualTo(Optional.empty());
    }
}
