package io.atsbridge.audit.bias.domain;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A generated bias report as it is stored, hashed into the audit log and rendered: aggregate counts, printed rates and
 * ratios, never an individual's data.
 *
 * @param reportId               the report's id
 * @param tool                   the tool reported on
 * @param jobCategory            the category of job; empty for every one
 * @param kind                   selection or scoring
 * @param periodStart            the first day covered, YYYY-MM-DD
 * @param periodEnd              the last day covered, YYYY-MM-DD
 * @param dataSource             where the data came from
 * @param medianScore            the full sample's median score; empty when not computed here
 * @param assessed               individuals covered, unknown ones included
 * @param unknownCount           individuals whose sex or race/ethnicity is unknown
 * @param smallCategoriesExcluded whether categories under 2 % were left out of the impact ratios
 * @param tables                 the sex, race/ethnicity and intersectional tables
 * @param generateTime           when the report was computed
 */
@Serdeable
public record BiasReport(String reportId, Tool tool, String jobCategory, RateKind kind, String periodStart,
                         String periodEnd, String dataSource, String medianScore, long assessed, long unknownCount,
                         boolean smallCategoriesExcluded, List<Table> tables, Instant generateTime) {

    /** Decimal places of printed rates (0.4799 is 47.99 %). */
    public static final int RATE_SCALE = 4;
    /** Decimal places of printed impact ratios, as the DCWP intersectional example prints them. */
    public static final int RATIO_SCALE = 3;

    /**
     * One table.
     *
     * @param dimension  sex, race/ethnicity or intersectional
     * @param applicants individuals the table counts
     * @param rows       one per category
     */
    @Serdeable
    public record Table(Dimension dimension, long applicants, List<Row> rows) {
    }

    /**
     * One category.
     *
     * @param code          FEMALE, ASIAN or ASIAN:FEMALE
     * @param label         the category's printed name
     * @param applicants    individuals of the category
     * @param positives     of them, those selected or scoring above the median
     * @param rate          positives / applicants, {@link #RATE_SCALE} places half up; empty when no applicants
     * @param impactRatio   the exact impact ratio printed to {@link #RATIO_SCALE} places half up; empty when none
     * @param excluded      whether it was left out of the impact ratios under the 2 % rule
     * @param justification why it was excluded; empty otherwise
     * @param adverseImpact whether the exact impact ratio is below 0.80
     */
    @Serdeable
    public record Row(String code, String label, long applicants, long positives, String rate, String impactRatio,
                      boolean excluded, String justification, boolean adverseImpact) {
    }

    /** The report of a calculation. */
    public static BiasReport of(String reportId, ReportSpec spec, String periodStart, String periodEnd,
                                String dataSource, BiasCalculation calculation, Instant generateTime) {
        BigDecimal median = calculation.median();
        List<Table> tables = calculation.tables().stream()
                .map(table -> new Table(table.dimension(), table.applicants(),
                        table.rows().stream().map(BiasReport::row).toList()))
                .toList();
        return new BiasReport(reportId, spec.tool(), spec.jobCategory(), spec.kind(), periodStart, periodEnd, dataSource,
                median == null ? "" : median.toPlainString(), calculation.assessed(), calculation.unknownCount(),
                spec.excludeSmall(), tables, generateTime);
    }

    private static Row row(CategoryResult result) {
        return new Row(result.category().code(), result.category().label(), result.applicants(), result.positives(),
                printed(result.rate(), RATE_SCALE), printed(result.impactRatio(), RATIO_SCALE), result.excluded(),
                result.justification(), result.adverseImpact());
    }

    private static String printed(@Nullable Fraction value, int scale) {
        return value == null ? "" : value.decimal(scale).toPlainString();
    }
}
