package io.atsbridge.audit.bias.domain;

import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The DCWP worked examples (6 RCNY 5-301(b) and (d)) and the EEOC Q&A example of the four-fifths rule, reproduced
 * exactly: every rate and impact ratio printed to the published precision (half up, from the unrounded counts), every
 * adverse-impact flag. Each DCWP table is checked on its own, as the selection example's tables do not reconcile with
 * each other (see known_inconsistencies in the resource).
 */
class BiasAuditExamplesTest {

    private static final JsonNode EXAMPLES = load();

    @Test
    void dcwpSelectionExampleSexTable() {
        checkSelection(Dimension.SEX, EXAMPLES.get("dcwp_selection_example").get("sex"));
    }

    @Test
    void dcwpSelectionExampleRaceTable() {
        checkSelection(Dimension.RACE_ETHNICITY, EXAMPLES.get("dcwp_selection_example").get("race_ethnicity"));
    }

    @Test
    void dcwpSelectionExampleIntersectionalTable() {
        checkSelection(Dimension.INTERSECTIONAL, EXAMPLES.get("dcwp_selection_example").get("intersectional"));
    }

    @Test
    void dcwpScoringExampleEveryTable() {
        JsonNode example = EXAMPLES.get("dcwp_scoring_example");
        checkScoring(Dimension.SEX, example.get("sex"));
        checkScoring(Dimension.RACE_ETHNICITY, example.get("race_ethnicity"));
        checkScoring(Dimension.INTERSECTIONAL, example.get("intersectional"));
    }

    /**
     * The scoring example from individuals: each intersectional cell's above-median people score 2 and the rest 0,
     * plus the 15 unknown individuals; the median of the full sample then splits them as the example does, and the
     * sex and race tables, summed from the same people, match theirs (the scoring example reconciles).
     */
    @Test
    void dcwpScoringExampleFromIndividuals() {
        JsonNode example = EXAMPLES.get("dcwp_scoring_example");
        List<Assessment> people = new ArrayList<>();
        for (JsonNode row : example.get("intersectional").values()) {
            Category category = category(Dimension.INTERSECTIONAL, row);
            int applicants = row.get(2).getIntValue();
            int above = row.get(5).getIntValue();
            for (int i = 0; i < applicants; i++) {
                people.add(new Assessment(category.sex(), category.race(), false,
                        BigDecimal.valueOf(i < above ? 2 : 0)));
            }
        }
        int unknown = example.get("unknown_count").getIntValue();
        for (int i = 0; i < unknown; i++) {
            people.add(new Assessment(i % 2 == 0 ? Sex.FEMALE : null, null, false, BigDecimal.valueOf(i % 3)));
        }

        BiasCalculation calculation = BiasCalculation.ofAssessments(RateKind.SCORING, people, false);

        assertThat(calculation.unknownCount()).isEqualTo(unknown);
        assertThat(calculation.assessed()).isEqualTo(168 + unknown);
        assertThat(calculation.intersectional().applicants()).isEqualTo(168);
        for (ImpactTable table : List.of(calculation.race(), calculation.intersectional())) {
            JsonNode rows = example.get(table.dimension() == Dimension.RACE_ETHNICITY ? "race_ethnicity" : "intersectional");
            int offset = table.dimension() == Dimension.INTERSECTIONAL ? 1 : 0;
            for (JsonNode row : rows.values()) {
                CategoryResult result = table.row(category(table.dimension(), row));
                assertThat(result.applicants()).isEqualTo(row.get(1 + offset).getLongValue());
                assertThat(result.positives()).isEqualTo(row.get(4 + offset).getLongValue());
                assertThat(result.impactRatio()).isNotNull();
                assertPrinted(Objects.requireNonNull(result.impactRatio()), 0, row.get(3 + offset).getStringValue());
            }
        }
        // The sex table also counts the unknown-race women: only its known-only rows match the example.
        assertThat(calculation.sex().row(Category.of(Sex.MALE)).applicants()).isEqualTo(92);
    }

    /** The 2 % rule on the selection example: the categories under 2 % are reported, not compared. */
    @Test
    void dcwpSelectionExampleWithSmallCategoriesExcluded() {
        JsonNode race = EXAMPLES.get("dcwp_selection_example").get("race_ethnicity");
        ImpactTable table = ImpactRatios.table(Dimension.RACE_ETHNICITY, counts(Dimension.RACE_ETHNICITY, race, 1, 2),
                true);

        CategoryResult nativeAmerican = table.row(Category.of(RaceEthnicity.NATIVE_AMERICAN_OR_ALASKA_NATIVE));
        assertThat(nativeAmerican.excluded()).isTrue();
        assertThat(nativeAmerican.applicants()).isEqualTo(41);
        assertThat(Objects.requireNonNull(nativeAmerican.rate()).decimal(2)).isEqualByComparingTo("0.44");
        assertThat(nativeAmerican.impactRatio()).isNull();
        assertThat(nativeAmerican.adverseImpact()).isFalse();
        assertThat(nativeAmerican.justification()).contains("41 of the table's 2584 individuals (1.59%)")
                .contains("6 RCNY 5-301(d)");
        assertThat(table.rows()).filteredOn(CategoryResult::excluded).hasSize(1);
        // White remains the most selected category, so every other ratio is the example's.
        assertPrinted(Objects.requireNonNull(table.row(Category.of(RaceEthnicity.ASIAN)).impactRatio()), 0, "0.95");

        JsonNode intersectional = EXAMPLES.get("dcwp_selection_example").get("intersectional");
        ImpactTable cells = ImpactRatios.table(Dimension.INTERSECTIONAL,
                counts(Dimension.INTERSECTIONAL, intersectional, 2, 3), true);
        assertThat(cells.rows()).filteredOn(CategoryResult::excluded).extracting(row -> row.category().code())
                .containsExactly("NATIVE_HAWAIIAN_OR_PACIFIC_ISLANDER:FEMALE", "NATIVE_AMERICAN_OR_ALASKA_NATIVE:MALE",
                        "NATIVE_AMERICAN_OR_ALASKA_NATIVE:FEMALE");
    }

    /** 44 FR 11996: rates 60 %, 45 %, 48 %, 51 %; only the 45/60 = 0.75 group shows adverse impact, 0.80 does not. */
    @Test
    void eeocFourFifthsExample() {
        JsonNode example = EXAMPLES.get("eeoc_qa_example");
        // The Q&A gives rates only; as counts per 100 applicants they are the same fractions.
        List<CategoryCount> counts = List.of(
                new CategoryCount(Category.of(RaceEthnicity.WHITE), 100, example.get("rates_pct").get("White").getLongValue()),
                new CategoryCount(Category.of(RaceEthnicity.NATIVE_AMERICAN_OR_ALASKA_NATIVE), 100,
                        example.get("rates_pct").get("American Indian").getLongValue()),
                new CategoryCount(Category.of(RaceEthnicity.HISPANIC_OR_LATINO), 100,
                        example.get("rates_pct").get("Hispanic").getLongValue()),
                new CategoryCount(Category.of(RaceEthnicity.BLACK_OR_AFRICAN_AMERICAN), 100,
                        example.get("rates_pct").get("Black").getLongValue()));
        ImpactTable table = ImpactRatios.table(Dimension.RACE_ETHNICITY, counts, false);

        assertEeoc(table, RaceEthnicity.NATIVE_AMERICAN_OR_ALASKA_NATIVE, "American Indian", example);
        assertEeoc(table, RaceEthnicity.HISPANIC_OR_LATINO, "Hispanic", example);
        assertEeoc(table, RaceEthnicity.BLACK_OR_AFRICAN_AMERICAN, "Black", example);
        CategoryResult hispanic = table.row(Category.of(RaceEthnicity.HISPANIC_OR_LATINO));
        assertThat(Objects.requireNonNull(hispanic.impactRatio()).compareTo(Fraction.of(4, 5))).isZero();
        assertThat(table.row(Category.of(RaceEthnicity.WHITE)).adverseImpact()).isFalse();
    }

    private static void assertEeoc(ImpactTable table, RaceEthnicity race, String name, JsonNode example) {
        CategoryResult row = table.row(Category.of(race));
        assertThat(Objects.requireNonNull(row.impactRatio()).decimal(2))
                .isEqualByComparingTo(new BigDecimal(example.get("expected_ratio").get(name).getNumberValue().toString()));
        assertThat(row.adverseImpact()).as(name).isEqualTo(example.get("adverse_impact").get(name).getBooleanValue());
    }

    private static void checkSelection(Dimension dimension, JsonNode rows) {
        int offset = dimension == Dimension.INTERSECTIONAL ? 1 : 0;
        ImpactTable table = ImpactRatios.table(dimension, counts(dimension, rows, 1 + offset, 2 + offset), false);
        for (JsonNode row : rows.values()) {
            CategoryResult result = table.row(category(dimension, row));
            String rate = row.get(3 + offset).getStringValue();
            String ratio = row.get(4 + offset).getStringValue();
            assertPrinted(Objects.requireNonNull(result.rate()), 2, rate.substring(0, rate.length() - 1));
            assertPrinted(Objects.requireNonNull(result.impactRatio()), 0, ratio);
            assertThat(result.adverseImpact()).as(result.category().label())
                    .isEqualTo(new BigDecimal(ratio).compareTo(ImpactRatios.FOUR_FIFTHS) < 0);
            assertThat(result.excluded()).isFalse();
        }
    }

    private static void checkScoring(Dimension dimension, JsonNode rows) {
        int offset = dimension == Dimension.INTERSECTIONAL ? 1 : 0;
        ImpactTable table = ImpactRatios.table(dimension, counts(dimension, rows, 1 + offset, 4 + offset), false);
        for (JsonNode row : rows.values()) {
            CategoryResult result = table.row(category(dimension, row));
            String rate = row.get(2 + offset).getStringValue();
            String ratio = row.get(3 + offset).getStringValue();
            Fraction exact = Objects.requireNonNull(result.rate());
            String percent = rate.substring(0, rate.length() - 1);
            if (result.category().equals(Category.of(RaceEthnicity.HISPANIC_OR_LATINO))) {
                // The example prints 18/28 = 64.2857 % as "64.2%", cut rather than rounded; every other rate of both
                // examples is rounded half up, so we round: 64.3 %. The impact ratios agree either way.
                assertThat(exact.decimal(3).movePointRight(2)).isEqualByComparingTo("64.3");
                assertThat(new BigDecimal(exact.numerator()).movePointRight(2)
                        .divide(new BigDecimal(exact.denominator()), 1, RoundingMode.DOWN)).isEqualByComparingTo(percent);
            } else {
                assertPrinted(exact, 2, percent);
            }
            assertPrinted(Objects.requireNonNull(result.impactRatio()), 0, ratio);
            assertThat(result.adverseImpact()).as(result.category().label())
                    .isEqualTo(new BigDecimal(ratio).compareTo(ImpactRatios.FOUR_FIFTHS) < 0);
        }
    }

    /** The fraction, times 10^shift, rounded half up to the published number's decimal places, is the published one. */
    private static void assertPrinted(Fraction value, int shift, String published) {
        BigDecimal expected = new BigDecimal(published);
        BigDecimal printed = value.decimal(expected.scale() + shift).movePointRight(shift);
        assertThat(printed).as("%s printed like %s", value, published).isEqualByComparingTo(expected);
    }

    private static List<CategoryCount> counts(Dimension dimension, JsonNode rows, int applicantsAt, int positivesAt) {
        List<CategoryCount> counts = new ArrayList<>();
        for (JsonNode row : rows.values()) {
            counts.add(new CategoryCount(category(dimension, row), row.get(applicantsAt).getLongValue(),
                    row.get(positivesAt).getLongValue()));
        }
        return counts;
    }

    private static Category category(Dimension dimension, JsonNode row) {
        return switch (dimension) {
            case SEX -> Category.of(sex(row.get(0).getStringValue()));
            case RACE_ETHNICITY -> Category.of(race(row.get(0).getStringValue()));
            case INTERSECTIONAL -> Category.of(race(row.get(0).getStringValue()), sex(row.get(1).getStringValue()));
        };
    }

    private static Sex sex(String label) {
        for (Sex sex : Sex.values()) {
            if (sex.label().equals(label)) {
                return sex;
            }
        }
        throw new IllegalArgumentException("sex " + label);
    }

    private static RaceEthnicity race(String label) {
        for (RaceEthnicity race : RaceEthnicity.values()) {
            if (race.label().equals(label) || race.shortLabel().equals(label)) {
                return race;
            }
        }
        throw new IllegalArgumentException("race/ethnicity " + label);
    }

    private static JsonNode load() {
        try (InputStream in = BiasAuditExamplesTest.class.getResourceAsStream("/bias/bias-audit-examples.json")) {
            return JsonMapper.createDefault().readValue(Objects.requireNonNull(in).readAllBytes(), JsonNode.class);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
