package io.atsbridge.audit.bias.domain;

import io.micronaut.core.annotation.Nullable;

/**
 * One candidate's voluntary self-identification.
 *
 * @param sex      the sex; null when not given
 * @param race     the race/ethnicity; null when not given
 * @param declined whether the candidate declined to self-identify (then both are null)
 */
public record Demographics(@Nullable Sex sex, @Nullable RaceEthnicity race, boolean declined) {
}
