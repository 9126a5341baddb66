package io.atsbridge.audit.bias.domain;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;

/** Properties of the bias-report arithmetic over random data. */
class ImpactRatiosPropertiesTest {

    /** Every rate is in [0, 1]; a category with applicants has a rate, an empty one has none. */
    @Property
    void ratesAreBetweenZeroAndOne(@ForAll("cells") List<DemographicCell> cells, @ForAll boolean excludeSmall) {
        BiasCalculation calculation = BiasCalculation.ofCells(RateKind.SELECTION, null, cells, excludeSmall);
        for (ImpactTable table : calculation.tables()) {
            for (CategoryResult row : table.rows()) {
                if (row.applicants() == 0) {
                    assertThat(row.rate()).isNull();
                    assertThat(row.impactRatio()).isNull();
                    assertThat(row.adverseImpact()).isFalse();
                } else {
                    Fraction rate = Objects.requireNonNull(row.rate());
                    assertThat(rate.compareTo(Fraction.of(0, 1))).isGreaterThanOrEqualTo(0);
                    assertThat(rate.compareTo(Fraction.of(1, 1))).isLessThanOrEqualTo(0);
                }
            }
            assertThat(table.rows()).hasSize(Category.all(table.dimension()).size());
            assertThat(table.rows().stream().mapToLong(CategoryResult::applicants).sum()).isEqualTo(table.applicants());
        }
    }

    /**
     * Every compared category with the highest rate (ties included) has ratio exactly 1, no ratio is above 1, and the
     * flag is exactly "ratio below 4/5".
     */
    @Property
    void theTopCategoriesHaveRatioOne(@ForAll("cells") List<DemographicCell> cells, @ForAll boolean excludeSmall) {
        BiasCalculation calculation = BiasCalculation.ofCells(RateKind.SELECTION, null, cells, excludeSmall);
        for (ImpactTable table : calculation.tables()) {
            List<CategoryResult> compared = table.rows().stream()
                    .filter(row -> !row.excluded() && row.applicants() > 0).toList();
            Fraction highest = compared.stream().map(row -> Objects.requireNonNull(row.rate()))
                    .reduce((a, b) -> a.compareTo(b) >= 0 ? a : b).orElse(null);
            for (CategoryResult row : compared) {
                if (highest == null || highest.isZero()) {
                    assertThat(row.impactRatio()).isNull();
                    continue;
                }
                Fraction ratio = Objects.requireNonNull(row.impactRatio());
                assertThat(ratio.compareTo(Fraction.of(1, 1))).isLessThanOrEqualTo(0);
                assertThat(ratio.compareTo(Fraction.of(1, 1)) == 0)
                        .isEqualTo(Objects.requireNonNull(row.rate()).compareTo(highest) == 0);
                assertThat(row.adverseImpact()).isEqualTo(ratio.compareTo(Fraction.of(4, 5)) < 0);
            }
        }
    }

    /** Excluded categories are exactly those under 2 % of their table, still reported with n and rate. */
    @Property
    void excludedCategoriesAreStillReported(@ForAll("cells") List<DemographicCell> cells) {
        BiasCalculation calculation = BiasCalculation.ofCells(RateKind.SELECTION, null, cells, true);
        for (ImpactTable table : calculation.tables()) {
            for (CategoryResult row : table.rows()) {
                boolean small = row.applicants() > 0
                        && BigDecimal.valueOf(row.applicants() * 50L).compareTo(BigDecimal.valueOf(table.applicants())) < 0;
                assertThat(row.excluded()).isEqualTo(small);
                if (row.excluded()) {
                    assertThat(row.rate()).isEqualTo(Fraction.of(row.positives(), row.applicants()));
                    assertThat(row.impactRatio()).isNull();
                    assertThat(row.justification()).contains(row.applicants() + " of the table's " + table.applicants());
                } else {
                    assertThat(row.justification()).isEmpty();
                }
            }
        }
    }

    /** Without exclusion, the reported ratio is the exact quotient of the category's rate and the highest rate. */
    @Property
    void ratiosAreExactQuotients(@ForAll("cells") List<DemographicCell> cells) {
        BiasCalculation calculation = BiasCalculation.ofCells(RateKind.SELECTION, null, cells, false);
        ImpactTable sex = calculation.sex();
        CategoryResult male = sex.row(Category.of(Sex.MALE));
        CategoryResult female = sex.row(Category.of(Sex.FEMALE));
        if (male.applicants() > 0 && female.applicants() > 0 && (male.positives() > 0 || female.positives() > 0)) {
            // female/male = (pf * nm) / (nf * pm); compare cross-multiplied against the reported fraction.
            long pf = female.positives();
            long nf = female.applicants();
            long pm = male.positives();
            long nm = male.applicants();
            boolean femaleTop = pf * nm >= pm * nf;
            Fraction ratio = Objects.requireNonNull((femaleTop ? male : female).impactRatio());
            Fraction expected = femaleTop ? Fraction.of(pm * nf, nm * pf) : Fraction.of(pf * nm, nf * pm);
            assertThat(ratio.compareTo(expected)).isZero();
        }
    }

    /** Data where nobody gave both a sex and a race/ethnicity: all of it is unknown, the intersectional table empty. */
    @Property
    void allUnknownData(@ForAll @Size(max = 20) List<@IntRange(min = 0, max = 50) Integer> sizes) {
        List<DemographicCell> cells = new ArrayList<>();
        long total = 0;
        for (int i = 0; i < sizes.size(); i++) {
            int n = sizes.get(i);
            cells.add(new DemographicCell(i % 3 == 0 ? Sex.values()[i % 2] : null, null, n, n / 2));
            total += n;
        }
        BiasCalculation calculation = BiasCalculation.ofCells(RateKind.SELECTION, null, cells, true);
        assertThat(calculation.unknownCount()).isEqualTo(total);
        assertThat(calculation.assessed()).isEqualTo(total);
        assertThat(calculation.intersectional().applicants()).isZero();
        assertThat(calculation.intersectional().rows()).allSatisfy(row -> {
            assertThat(row.rate()).isNull();
            assertThat(row.impactRatio()).isNull();
        });
        assertThat(calculation.race().applicants()).isZero();
    }

    /** A scoring report counts exactly the scores strictly above the median of every score, unknown ones included. */
    @Property
    void scoringCountsStrictlyAboveTheMedian(@ForAll("assessments") List<Assessment> assessments) {
        BiasCalculation calculation = BiasCalculation.ofAssessments(RateKind.SCORING, assessments, false);
        List<BigDecimal> scores = assessments.stream().map(a -> Objects.requireNonNull(a.score())).sorted().toList();
        BigDecimal median = calculation.median();
        if (scores.isEmpty()) {
            assertThat(median).isNull();
            return;
        }
        assertThat(median).isNotNull();
        long below = scores.stream().filter(s -> s.compareTo(median) < 0).count();
        long above = scores.stream().filter(s -> s.compareTo(median) > 0).count();
        assertThat(below).isLessThanOrEqualTo(scores.size() / 2);
        assertThat(above).isLessThanOrEqualTo(scores.size() / 2);
        long positives = calculation.tables().get(2).rows().stream().mapToLong(CategoryResult::positives).sum();
        long knownAbove = assessments.stream()
                .filter(a -> a.sex() != null && a.race() != null && Objects.requireNonNull(a.score()).compareTo(median) > 0)
                .count();
        assertThat(positives).isEqualTo(knownAbove);
    }

    @Provide
    Arbitrary<List<DemographicCell>> cells() {
        Arbitrary<Sex> sex = Arbitraries.of(Sex.class).injectNull(0.1);
        Arbitrary<RaceEthnicity> race = Arbitraries.of(RaceEthnicity.class).injectNull(0.1);
        Arbitrary<Integer> applicants = Arbitraries.integers().between(0, 400).edgeCases(edges -> edges.includeOnly(0, 1));
        Arbitrary<Double> share = Arbitraries.doubles().between(0, 1).edgeCases(edges -> edges.includeOnly(0.0, 1.0));
        Arbitrary<DemographicCell> cell = Combinators.combine(sex, race, applicants, share)
                .as((s, r, n, p) -> new DemographicCell(s, r, n, Math.round(n * p)));
        return cell.list().ofMaxSize(40);
    }

    @Provide
    Arbitrary<List<Assessment>> assessments() {
        Arbitrary<Sex> sex = Arbitraries.of(Sex.class).injectNull(0.2);
        Arbitrary<RaceEthnicity> race = Arbitraries.of(RaceEthnicity.class).injectNull(0.2);
        // Few distinct scores, so that ties at the median are common.
        Arbitrary<BigDecimal> score = Arbitraries.integers().between(0, 8).map(i -> BigDecimal.valueOf(i, 1));
        return Combinators.combine(sex, race, score).as((s, r, v) -> new Assessment(s, r, false, v)).list().ofMaxSize(60);
    }
}
