package io.atsbridge.audit.bias.domain;

import io.micronaut.core.annotation.Nullable;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The arithmetic of LL144 bias audits (6 RCNY 5-300, 5-301) and of the EEOC four-fifths rule (29 CFR 1607.4(D)):
 * rates per category, impact ratios against the category with the highest rate, the optional exclusion of categories
 * under 2 % of the data from the impact ratios, and adverse-impact flags. Everything is exact ({@link Fraction});
 * rounding is for printing only.
 */
public final class ImpactRatios {

    /** The four-fifths rule: an impact ratio strictly below it is flagged. */
    public static final BigDecimal FOUR_FIFTHS = new BigDecimal("0.80");
    /** 6 RCNY 5-301(d): a category under this share of the data may be excluded from the impact ratios. */
    public static final BigDecimal EXCLUSION_SHARE = new BigDecimal("0.02");

    private ImpactRatios() {
    }

    /**
     * The table of one dimension from the counts of its categories. A category without a count is reported empty.
     *
     * @param excludeSmall whether categories under 2 % of the table's individuals are left out of the impact
     *                     ratios (and of the choice of the highest rate); they are still reported with their rate
     * @throws IllegalArgumentException when a count belongs to another dimension or a category is counted twice
     */
    public static ImpactTable table(Dimension dimension, List<CategoryCount> counts, boolean excludeSmall) {
        Map<Category, CategoryCount> byCategory = new LinkedHashMap<>();
        for (Category category : Category.all(dimension)) {
            byCategory.put(category, new CategoryCount(category, 0, 0));
        }
        Set<Category> seen = new HashSet<>();
        long total = 0;
        for (CategoryCount count : counts) {
            if (count.category().dimension() != dimension) {
                throw new IllegalArgumentException(count.category().code() + " is not a " + dimension + " category");
            }
            if (!seen.add(count.category())) {
                throw new IllegalArgumentException(count.category().code() + " is counted twice");
            }
            byCategory.put(count.category(), count);
            total = Math.addExact(total, count.applicants());
        }

        Set<Category> excluded = new HashSet<>();
        Fraction highest = null; // the highest rate among the compared categories
        for (CategoryCount count : byCategory.values()) {
            boolean small = excludeSmall && total > 0 && count.applicants() > 0
                    && Fraction.of(count.applicants(), total).isBelow(EXCLUSION_SHARE);
            if (small) {
                excluded.add(count.category());
            }
            if (!small && count.applicants() > 0) {
                Fraction rate = Fraction.of(count.positives(), count.applicants());
                if (highest == null || rate.compareTo(highest) > 0) {
                    highest = rate;
                }
            }
        }

        List<CategoryResult> rows = new ArrayList<>();
        for (CategoryCount count : byCategory.values()) {
            rows.add(row(count, total, excluded.contains(count.category()), highest));
        }
        return new ImpactTable(dimension, rows, total);
    }

    private static CategoryResult row(CategoryCount count, long total, boolean excluded,
                                      @Nullable Fraction highest) {
        Fraction share = total == 0 ? null : Fraction.of(count.applicants(), total);
        if (count.applicants() == 0) {
            return new CategoryResult(count.category(), 0, 0, share, null, null, false, "", false);
        }
        Fraction rate = Fraction.of(count.positives(), count.applicants());
        if (excluded) {
            String justification = String.format(
                    "%s: %s of the table's %s individuals (%s%%), less than the 2%% of the data below which "
                            + "6 RCNY 5-301(d) allows leaving a category out of the impact ratios",
                    count.category().label(), count.applicants(), total,
                    Fraction.of(count.applicants(), total).decimal(4).movePointRight(2).toPlainString());
            return new CategoryResult(count.category(), count.applicants(), count.positives(), share, rate, null, true,
                    justification, false);
        }
        if (highest == null || highest.isZero()) {
            // No compared category selected anyone: every rate is 0 and no ratio is defined.
            return new CategoryResult(count.category(), count.applicants(), count.positives(), share, rate, null,
                    false, "", false);
        }
        Fraction ratio = rate.dividedBy(highest);
        return new CategoryResult(count.category(), count.applicants(), count.positives(), share, rate, ratio, false,
                "", ratio.isBelow(FOUR_FIFTHS));
    }
}
