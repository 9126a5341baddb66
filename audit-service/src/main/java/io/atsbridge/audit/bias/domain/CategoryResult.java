package io.atsbridge.audit.bias.domain;

import io.micronaut.core.annotation.Nullable;

/**
 * One row of a bias report's table.
 *
 * @param category      the category
 * @param applicants    individuals of the category assessed
 * @param positives     of them, those selected or scoring above the median
 * @param share         the category's share of the table's individuals; null when the table is empty
 * @param rate          positives / applicants; null when the category has no applicants
 * @param impactRatio   rate / the highest rate of the table's compared categories; null when the category is
 *                      excluded or empty, or when no compared category has a rate above zero
 * @param excluded      whether the category was left out of the impact ratios under the 2 % rule; it is still
 *                      reported with its applicants and rate (6 RCNY 5-301(d))
 * @param justification why the category was excluded; empty when it was not
 * @param adverseImpact whether the impact ratio is below four fifths (29 CFR 1607.4(D)): exactly 0.80 is not
 */
public record CategoryResult(Category category, long applicants, long positives, @Nullable Fraction share,
                             @Nullable Fraction rate, @Nullable Fraction impactRatio, boolean excluded,
                             String justification, boolean adverseImpact) {
}
