package io.atsbridge.platform.context;

/** What kind of principal a caller is. */
public enum CallerKind {
    /** Another atsbridge service or an internal system calling with a service token. */
    SERVICE,
    /** A person (operator, recruiter, compliance officer). */
    PERSON
}
