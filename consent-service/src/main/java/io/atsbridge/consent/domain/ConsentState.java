package io.atsbridge.consent.domain;

/** Whether a ledger entry gives or withdraws consent. */
public enum ConsentState {
    GRANTED, WITHDRAWN
}
