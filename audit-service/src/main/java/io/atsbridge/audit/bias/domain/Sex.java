package io.atsbridge.audit.bias.domain;

/** The sex categories of the EEO-1 Component 1 report (29 CFR 1602.7) that LL144 bias audits use. */
public enum Sex {
    MALE("Male"),
    FEMALE("Female");

    private final String label;

    Sex(String label) {
        this.label = label;
    }

    /** The category's name as the DCWP tables print it. */
    public String label() {
        return label;
    }
}
