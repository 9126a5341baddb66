package io.atsbridge.audit.bias.domain;

import io.micronaut.core.annotation.Nullable;

import java.math.BigDecimal;

/**
 * What a tool did with one individual, with the individual's self-identified categories: the input of a report
 * computed from recorded outcomes.
 *
 * @param sex      the sex; null when unknown or declined
 * @param race     the race/ethnicity; null when unknown or declined
 * @param selected whether the individual was selected to move forward (advanced or hired)
 * @param score    the tool's score; null when the tool gave none
 */
public record Assessment(@Nullable Sex sex, @Nullable RaceEthnicity race, boolean selected, @Nullable BigDecimal score) {
}
