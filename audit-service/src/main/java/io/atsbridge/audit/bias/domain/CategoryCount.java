package io.atsbridge.audit.bias.domain;

/**
 * How many individuals of one category were assessed, and how many of them met the rate's test (selected, or
 * scored above the median).
 *
 * @param category   the category
 * @param applicants individuals of the category the tool assessed, at least 0
 * @param positives  of them, those selected or scoring above the median: 0..applicants
 */
public record CategoryCount(Category category, long applicants, long positives) {

    public CategoryCount {
        if (applicants < 0 || positives < 0 || positives > applicants) {
            throw new IllegalArgumentException(category.label() + ": " + positives + " of " + applicants
                    + " (expected: 0 <= positives <= applicants)");
        }
    }
}
