package io.atsbridge.audit.bias.domain;

/** Which rate a bias report compares (6 RCNY 5-300). */
public enum RateKind {
    /** Selected to move forward, or assigned a classification, divided by the category's applicants. */
    SELECTION,
    /** Scored strictly above the full sample's median score, divided by the category's applicants. */
    SCORING
}
