package io.atsbridge.identity.domain;

/** What an external id names. */
public enum ExternalIdKind {
    CANDIDATE, APPLICATION, REQUISITION, INTERVIEW, USER
}
