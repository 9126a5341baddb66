package io.atsbridge.audit.bias.domain;

import io.micronaut.core.annotation.Nullable;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One category of a bias report's table: a sex, a race/ethnicity, or (intersectional) both.
 *
 * @param dimension the table the category belongs to
 * @param sex       the sex; null in the race/ethnicity table
 * @param race      the race/ethnicity; null in the sex table
 */
public record Category(Dimension dimension, @Nullable Sex sex, @Nullable RaceEthnicity race) {

    public Category {
        boolean shaped = switch (dimension) {
            case SEX -> sex != null && race == null;
            case RACE_ETHNICITY -> sex == null && race != null;
            case INTERSECTIONAL -> sex != null && race != null;
        };
        if (!shaped) {
            throw new IllegalArgumentException("category of " + dimension + " with sex " + sex + " and race " + race);
        }
    }

    public static Category of(Sex sex) {
        return new Category(Dimension.SEX, sex, null);
    }

    public static Category of(RaceEthnicity race) {
        return new Category(Dimension.RACE_ETHNICITY, null, race);
    }

    public static Category of(RaceEthnicity race, Sex sex) {
        return new Category(Dimension.INTERSECTIONAL, sex, race);
    }

    /** Every category of a table, in the order the DCWP examples print them (race first, then sex within it). */
    public static List<Category> all(Dimension dimension) {
        List<Category> categories = new ArrayList<>();
        switch (dimension) {
            case SEX -> {
                for (Sex sex : Sex.values()) {
                    categories.add(of(sex));
                }
            }
            case RACE_ETHNICITY -> {
                for (RaceEthnicity race : RaceEthnicity.values()) {
                    categories.add(of(race));
                }
            }
            case INTERSECTIONAL -> {
                for (RaceEthnicity race : RaceEthnicity.values()) {
                    for (Sex sex : Sex.values()) {
                        categories.add(of(race, sex));
                    }
                }
            }
        }
        return categories;
    }

    /** The category's stable code: {@code FEMALE}, {@code ASIAN}, {@code ASIAN:FEMALE}. */
    public String code() {
        return switch (dimension) {
            case SEX -> sex().name();
            case RACE_ETHNICITY -> race().name();
            case INTERSECTIONAL -> race().name() + ":" + sex().name();
        };
    }

    /** The category's name as the DCWP tables print it: "Female", "Asian (Not Hispanic or Latino)", "Asian Female". */
    public String label() {
        return switch (dimension) {
            case SEX -> sex().label();
            case RACE_ETHNICITY -> race().label();
            case INTERSECTIONAL -> race().shortLabel() + " " + sex().label();
        };
    }

    @Override
    public Sex sex() {
        return Objects.requireNonNull(sex, "sex");
    }

    @Override
    public RaceEthnicity race() {
        return Objects.requireNonNull(race, "race");
    }
}
