package io.atsbridge.adapter.engine.domain;

/** Where a loop case stands. */
public enum LoopCaseStatus {
    /** The trigger stage was entered; identity, consent and the invitation are in progress. */
    TRIGGERED,
    /**
     * Consent policy stood in the way: no interview was created, or (with an interview id) the consent it
     * rested on was withdrawn before its results were written, and they were not.
     */
    CONSENT_BLOCKED,
    /** The AI vendor invited the candidate; the result is awaited. */
    INVITED,
    /** The result arrived and is being written back to the ATS. */
    WRITING,
    /** The result is on the ATS record. */
    WRITTEN,
    /** A step failed for good; the detail says which and why. */
    FAILED,
    /** The candidate declined the AI interview (the AI vendor said so). */
    DECLINED,
    /** No interview was completed within the time an invitation stands (atsbridge's expiry, or the vendor's). */
    EXPIRED,
    /** The interview was started but not finished: abandoned, or a technical failure at the AI vendor. */
    ABANDONED,
    /** The AI vendor cancelled the interview. */
    CANCELLED
}
