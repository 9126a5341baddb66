package io.atsbridge.audit.bias.domain;

import java.util.List;

/**
 * One table of a bias report: every category of a dimension, with its rate and impact ratio.
 *
 * @param dimension  sex, race/ethnicity or intersectional
 * @param rows       one per category of the dimension, empty ones included, in {@link Category#all} order
 * @param applicants the individuals the table counts (the sum of its rows)
 */
public record ImpactTable(Dimension dimension, List<CategoryResult> rows, long applicants) {

    public ImpactTable {
        rows = List.copyOf(rows);
    }

    /** The row of a category of this table. */
    public CategoryResult row(Category category) {
        return rows.stream().filter(row -> row.category().equals(category)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(category.code() + " is not in the " + dimension + " table"));
    }
}
