package io.atsbridge.audit.bias.domain;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The edge cases of the bias-report arithmetic, one at a time. */
class ImpactRatiosTest {

    @Test
    void categoriesTiedForTheTopBothHaveRatioOne() {
        ImpactTable table = ImpactRatios.table(Dimension.RACE_ETHNICITY, List.of(
                new CategoryCount(Category.of(RaceEthnicity.ASIAN), 10, 5),
                new CategoryCount(Category.of(RaceEthnicity.WHITE), 40, 20),
                new CategoryCount(Category.of(RaceEthnicity.HISPANIC_OR_LATINO), 50, 20)), false);

        assertThat(table.row(Category.of(RaceEthnicity.ASIAN)).impactRatio()).isEqualTo(Fraction.of(1, 1));
        assertThat(Objects.requireNonNull(table.row(Category.of(RaceEthnicity.WHITE)).impactRatio())
                .compareTo(Fraction.of(1, 1))).isZero();
        CategoryResult hispanic = table.row(Category.of(RaceEthnicity.HISPANIC_OR_LATINO));
        assertThat(Objects.requireNonNull(hispanic.impactRatio()).compareTo(Fraction.of(4, 5))).isZero();
        assertThat(hispanic.adverseImpact()).as("exactly 0.80 is not adverse").isFalse();
    }

    @Test
    void emptyCategoriesAreReportedWithoutRateOrRatio() {
        ImpactTable table = ImpactRatios.table(Dimension.SEX,
                List.of(new CategoryCount(Category.of(Sex.MALE), 7, 3)), true);

        CategoryResult female = table.row(Category.of(Sex.FEMALE));
        assertThat(female.applicants()).isZero();
        assertThat(female.rate()).isNull();
        assertThat(female.impactRatio()).isNull();
        assertThat(female.excluded()).isFalse();
        assertThat(table.row(Category.of(Sex.MALE)).impactRatio()).isEqualTo(Fraction.of(1, 1));
    }

    @Test
    void nobodySelectedLeavesEveryRatioUndefined() {
        ImpactTable table = ImpactRatios.table(Dimension.SEX, List.of(
                new CategoryCount(Category.of(Sex.MALE), 7, 0), new CategoryCount(Category.of(Sex.FEMALE), 9, 0)), false);

        assertThat(table.rows()).allSatisfy(row -> {
            assertThat(row.rate()).isEqualTo(Fraction.of(0, row.applicants()));
            assertThat(row.impactRatio()).isNull();
            assertThat(row.adverseImpact()).isFalse();
        });
    }

    /** A tiny category with the best rate does not become the reference when it is excluded. */
    @Test
    void anExcludedCategoryIsNotTheReference() {
        ImpactTable table = ImpactRatios.table(Dimension.RACE_ETHNICITY, List.of(
                new CategoryCount(Category.of(RaceEthnicity.ASIAN), 1, 1),
                new CategoryCount(Category.of(RaceEthnicity.WHITE), 99, 50)), true);

        assertThat(table.row(Category.of(RaceEthnicity.ASIAN)).excluded()).isTrue();
        assertThat(table.row(Category.of(RaceEthnicity.WHITE)).impactRatio()).isEqualTo(Fraction.of(1, 1));
    }

    @Test
    void theMedianOfAnEvenSampleIsTheMeanOfTheMiddleTwo() {
        assertThat(BiasCalculation.median(List.of(new BigDecimal("1"), new BigDecimal("4"), new BigDecimal("2"),
                new BigDecimal("9")))).isEqualByComparingTo("3");
        assertThat(BiasCalculation.median(List.of(new BigDecimal("0.1"), new BigDecimal("0.2"))))
                .isEqualByComparingTo("0.15");
        assertThat(BiasCalculation.median(List.of())).isNull();
    }

    @Test
    void countsOfAnotherTableOrTwiceAreRefused() {
        assertThatThrownBy(() -> ImpactRatios.table(Dimension.SEX,
                List.of(new CategoryCount(Category.of(RaceEthnicity.ASIAN), 1, 1)), false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ASIAN is not a SEX category");
        assertThatThrownBy(() -> ImpactRatios.table(Dimension.SEX, List.of(
                new CategoryCount(Category.of(Sex.MALE), 1, 1), new CategoryCount(Category.of(Sex.MALE), 2, 1)), false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("MALE is counted twice");
        assertThatThrownBy(() -> new CategoryCount(Category.of(Sex.MALE), 1, 2))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
