package io.atsbridge.consent.domain;

import io.micronaut.core.io.ResourceResolver;

import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Test access to the shipped pack from other packages. */
public final class RulePackAccess {

    private RulePackAccess() {
    }

    /** The ids of the shipped pack's rules that decide (are not informational). */
    public static Set<String> decidingRuleIds() {
        RulePack pack = RulePackLoader.load("classpath:rules/jurisdiction-rules-2026-12.csv", new ResourceResolver());
        return pack.rules().stream().filter(Rule::decides).map(Rule::id).collect(Collectors.toCollection(TreeSet::new));
    }
}
