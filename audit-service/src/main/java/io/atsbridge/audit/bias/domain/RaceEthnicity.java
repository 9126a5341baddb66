package io.atsbridge.audit.bias.domain;

/**
 * The race/ethnicity categories of the EEO-1 Component 1 report (29 CFR 1602.7) that LL144 bias audits use:
 * Hispanic or Latino, and six races of people who are not Hispanic or Latino.
 */
public enum RaceEthnicity {
    HISPANIC_OR_LATINO("Hispanic or Latino", "Hispanic or Latino"),
    WHITE("White (Not Hispanic or Latino)", "White"),
    BLACK_OR_AFRICAN_AMERICAN("Black or African American (Not Hispanic or Latino)", "Black or African American"),
    NATIVE_HAWAIIAN_OR_PACIFIC_ISLANDER("Native Hawaiian or Pacific Islander (Not Hispanic or Latino)",
            "Native Hawaiian or Pacific Islander"),
    ASIAN("Asian (Not Hispanic or Latino)", "Asian"),
    NATIVE_AMERICAN_OR_ALASKA_NATIVE("Native American or Alaska Native (Not Hispanic or Latino)",
            "Native American or Alaska Native"),
    TWO_OR_MORE_RACES("Two or More Races (Not Hispanic or Latino)", "Two or More Races");

    private final String label;
    private final String shortLabel;

    RaceEthnicity(String label, String shortLabel) {
        this.label = label;
        this.shortLabel = shortLabel;
    }

    /** The category's name as the DCWP race/ethnicity table prints it. */
    public String label() {
        return label;
    }

    /** The name the DCWP intersectional table prints beside a sex. */
    public String shortLabel() {
        return shortLabel;
    }
}
