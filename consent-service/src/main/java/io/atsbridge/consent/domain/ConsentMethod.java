package io.atsbridge.consent.domain;

/** How a consent was captured. */
public enum ConsentMethod {
    WRITTEN, ELECTRONIC_SIGNATURE, CLICKWRAP, RECORDED_VERBAL
}
