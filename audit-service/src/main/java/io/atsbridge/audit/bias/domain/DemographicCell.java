package io.atsbridge.audit.bias.domain;

import io.micronaut.core.annotation.Nullable;

/**
 * Individuals who share a sex and a race/ethnicity (either unknown when they did not say or declined), with how many
 * of them met the rate's test. An individual is a cell of one.
 *
 * @param sex        the sex; null when unknown
 * @param race       the race/ethnicity; null when unknown
 * @param applicants individuals assessed, at least 0
 * @param positives  of them, those selected or scoring above the median: 0..applicants
 */
public record DemographicCell(@Nullable Sex sex, @Nullable RaceEthnicity race, long applicants, long positives) {

    public DemographicCell {
        if (applicants < 0 || positives < 0 || positives > applicants) {
            throw new IllegalArgumentException(positives + " of " + applicants
                    + " (expected: 0 <= positives <= applicants)");
        }
    }

    /** Whether the sex or the race/ethnicity of these individuals is unknown. */
    public boolean unknown() {
        return sex == null || race == null;
    }
}
