package io.atsbridge.audit.bias.domain;

/** The three ways LL144 asks categories to be compared, each in a table of its own (6 RCNY 5-301(b)(3), (c)(4)). */
public enum Dimension {
    /** Male and Female. */
    SEX,
    /** The seven EEO-1 race/ethnicity categories. */
    RACE_ETHNICITY,
    /** Every race/ethnicity category crossed with every sex: fourteen categories. */
    INTERSECTIONAL
}
