package io.atsbridge.consent.domain;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;

/**
 * One rule that applied to an evaluation, for one data category.
 *
 * @param ruleId         the rule's id, e.g. {@code IL-06}; {@value PolicyEngine#CONFIDENCE_FLOOR} for the confidence setting
 * @param jurisdiction   the rule's jurisdiction; empty for the confidence setting
 * @param dataCategory   the category the rule matched
 * @param obligation     the rule's obligation
 * @param obligationType the rule's obligation type, e.g. {@code consent}
 * @param citation       the legal source
 * @param effect         what the rule demands while unsatisfied
 * @param satisfied      whether the request and ledger already meet it
 * @param detail         the outcome explained for people
 * @param earliestTime   for a notice whose waiting period runs, local midnight of the first day it has passed
 */
public record RuleOutcome(
        String ruleId,
        String jurisdiction,
        String dataCategory,
        String obligation,
        String obligationType,
        String citation,
        Effect effect,
        boolean satisfied,
        String detail,
        @Nullable Instant earliestTime) {
}
