package io.atsbridge.consent.domain;

import io.micronaut.core.annotation.Nullable;

import java.time.LocalDate;
import java.util.List;

/**
 * The answer to a {@link PolicyQuery}.
 *
 * @param decision        the strictest effect among unsatisfied rules; {@link Effect#ALLOW} when none
 * @param rules           every rule that applied, satisfied or not, by rule id then data category
 * @param missingConsents the consents still needed
 * @param rulePackVersion the rule pack the decision used
 */
public record PolicyDecision(Effect decision, List<RuleOutcome> rules, List<MissingConsent> missingConsents,
                             String rulePackVersion, @Nullable LocalDate earliestDay) {

    public PolicyDecision {
        rules = List.copyOf(rules);
        missingConsents = List.copyOf(missingConsents);
    }
}
