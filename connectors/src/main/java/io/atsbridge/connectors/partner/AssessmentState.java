package io.atsbridge.connectors.partner;

/** Where an assessment an ATS ordered from atsbridge stands, as atsbridge records it. */
public enum AssessmentState {
    /** The interview was created at the AI vendor; no result yet. The assessment is in progress. */
    INVITED,
    /** The result is stored; the ATS is still to be told. */
    COMPLETE,
    /** The result is stored and the ATS took the completion callback. */
    NOTIFIED,
    /** The ATS cancelled the assessment; no result is reported to it. */
    CANCELLED
}
