package io.atsbridge.consent.domain;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.List;

/**
 * The answer to a {@link PolicyQuery}.
 *
 * @param decision        the strictest effect among unsatisfied rules; {@link Effect#ALLOW} when none
 * @param rules           every rule that applied, satisfied or not, by rule id then data category
 * @param missingConsents the consents still needed
 * @param rulePackVersion the rule pack the decision used
 * @param earliestTime    when notices are all that is missing and all were given, the moment all waits end
 */
public record PolicyDecision(Effect decision, List<RuleOutcome> rules, List<MissingConsent> missingConsents,
                             String rulePackVersion, @Nullable Instant earliestTime) {

    public PolicyDecision {
        rules = List.copyOf(rules);
        missingConsents = List.copyOf(missingConsents);
    }
}
