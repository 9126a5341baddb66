package io.atsbridge.consent.domain;

import io.micronaut.core.annotation.Nullable;

import java.time.LocalDate;

/**
 * One rule that applied to an evaluation, for one data category.
 *
 * @param ruleId       the rule's id, e.g. {@code IL-06}
 * @param jurisdiction the rule's jurisdiction
 * @param dataCategory the category the rule matched
 * @param obligation   the rule's obligation
 * @param citation     the legal source
 * @param effect       what the rule demands while unsatisfied
 * @param satisfied    whether the ledger already meets it
 * @param detail       the outcome explained for people
 */
public record RuleOutcome(
        String ruleId,
        String jurisdiction,
        String dataCategory,
        String obligation,
        String citation,
        Effect effect,
        boolean satisfied,
        String detail,
        @Nullable LocalDate earliestDay) {
}
