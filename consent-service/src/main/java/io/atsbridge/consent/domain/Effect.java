package io.atsbridge.consent.domain;

/** What a rule demands while it is not satisfied, from least to most strict. */
public enum Effect {
    /** Nothing stands in the way. */
    ALLOW,
    /** A person must review the outcome before it takes effect. */
    REQUIRE_HUMAN_REVIEW,
    /** A notice must be given (and its waiting period passed) first. */
    REQUIRE_NOTICE,
    /** A consent is missing. */
    REQUIRE_CONSENT,
    /** The action is not allowed at all. */
    DENY;

    /** Whether this effect wins over {@code other} when both apply. */
    public boolean stricterThan(Effect other) {
        return ordinal() > other.ordinal();
    }
}
