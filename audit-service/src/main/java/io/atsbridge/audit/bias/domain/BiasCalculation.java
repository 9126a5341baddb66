package io.atsbridge.audit.bias.domain;

import io.micronaut.core.annotation.Nullable;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The three tables of a bias report (sex, race/ethnicity, intersectional) and the unknown count, from the individuals a
 * tool assessed or from aggregate counts.
 *
 * @param kind         selection or scoring rates
 * @param median       the full sample's median score (scoring reports from individuals); null otherwise
 * @param assessed     individuals the report covers, unknown ones included
 * @param unknownCount individuals whose sex or race/ethnicity is unknown (6 RCNY 5-301(b)(5), (c)(5)): they count in
 *                     the table of the category they did give, never in the intersectional table
 * @param sex          the sex table
 * @param race         the race/ethnicity table
 * @param intersectional the sex × race/ethnicity table
 */
public record BiasCalculation(RateKind kind, @Nullable BigDecimal median, long assessed, long unknownCount,
                              ImpactTable sex, ImpactTable race, ImpactTable intersectional) {

    /** The three tables in report order. */
    public List<ImpactTable> tables() {
        return List.of(sex, race, intersectional);
    }

    /**
     * The report from individuals. A scoring report counts those scoring strictly above the median of every scored
     * individual, unknown ones included ("the median score for the full sample of applicants", 6 RCNY 5-301(c)(1));
     * individuals without a score are not part of it. A selection report counts the selected.
     */
    public static BiasCalculation ofAssessments(RateKind kind, List<Assessment> assessments, boolean excludeSmall) {
        BigDecimal median = null;
        List<Assessment> sample = assessments;
        if (kind == RateKind.SCORING) {
            sample = assessments.stream().filter(assessment -> assessment.score() != null).toList();
            median = median(sample.stream().map(Assessment::score).toList());
        }
        List<DemographicCell> cells = new ArrayList<>(sample.size());
        for (Assessment assessment : sample) {
            boolean positive = kind == RateKind.SELECTION
                    ? assessment.selected()
                    : median != null && scoreOf(assessment).compareTo(median) > 0;
            cells.add(new DemographicCell(assessment.sex(), assessment.race(), 1, positive ? 1 : 0));
        }
        return ofCells(kind, median, cells, excludeSmall);
    }

    /** The report from aggregate counts, where the positives were counted already (an auditor's upload). */
    public static BiasCalculation ofCells(RateKind kind, @Nullable BigDecimal median, List<DemographicCell> cells,
                                          boolean excludeSmall) {
        Map<Sex, long[]> bySex = new EnumMap<>(Sex.class);
        Map<RaceEthnicity, long[]> byRace = new EnumMap<>(RaceEthnicity.class);
        Map<Category, long[]> byPair = new HashMap<>();
        long assessed = 0;
        long unknown = 0;
        for (DemographicCell cell : cells) {
            assessed = Math.addExact(assessed, cell.applicants());
            Sex sex = cell.sex();
            RaceEthnicity race = cell.race();
            if (sex != null) {
                add(bySex.computeIfAbsent(sex, key -> new long[2]), cell);
            }
            if (race != null) {
                add(byRace.computeIfAbsent(race, key -> new long[2]), cell);
            }
            if (sex != null && race != null) {
                add(byPair.computeIfAbsent(Category.of(race, sex), key -> new long[2]), cell);
            } else {
                unknown = Math.addExact(unknown, cell.applicants());
            }
        }
        List<CategoryCount> sexCounts = new ArrayList<>();
        bySex.forEach((sex, sums) -> sexCounts.add(new CategoryCount(Category.of(sex), sums[0], sums[1])));
        List<CategoryCount> raceCounts = new ArrayList<>();
        byRace.forEach((race, sums) -> raceCounts.add(new CategoryCount(Category.of(race), sums[0], sums[1])));
        List<CategoryCount> pairCounts = new ArrayList<>();
        byPair.forEach((pair, sums) -> pairCounts.add(new CategoryCount(pair, sums[0], sums[1])));
        return new BiasCalculation(kind, median, assessed, unknown,
                ImpactRatios.table(Dimension.SEX, sexCounts, excludeSmall),
                ImpactRatios.table(Dimension.RACE_ETHNICITY, raceCounts, excludeSmall),
                ImpactRatios.table(Dimension.INTERSECTIONAL, pairCounts, excludeSmall));
    }

    /**
     * The median of the scores: the middle one, or the mean of the two middle ones (exact, as halving a decimal
     * terminates); null when there are none.
     */
    static @Nullable BigDecimal median(List<BigDecimal> scores) {
        if (scores.isEmpty()) {
            return null;
        }
        List<BigDecimal> sorted = scores.stream().sorted().toList();
        int middle = sorted.size() / 2;
        if (sorted.size() % 2 == 1) {
            return sorted.get(middle);
        }
        BigDecimal sum = sorted.get(middle - 1).add(sorted.get(middle));
        return sum.divide(BigDecimal.valueOf(2), sum.scale() + 1, RoundingMode.UNNECESSARY).stripTrailingZeros();
    }

    private static BigDecimal scoreOf(Assessment assessment) {
        BigDecimal score = assessment.score();
        if (score == null) {
            throw new IllegalStateException("an unscored assessment in a scoring sample");
        }
        return score;
    }

    private static void add(long[] sums, DemographicCell cell) {
        sums[0] = Math.addExact(sums[0], cell.applicants());
        sums[1] = Math.addExact(sums[1], cell.positives());
    }
}
