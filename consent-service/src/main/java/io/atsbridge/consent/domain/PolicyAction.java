package io.atsbridge.consent.domain;

import java.util.EnumSet;
import java.util.Set;

/** Something atsbridge wants to do that the law may constrain; each is one or more {@link ActionStep}s. */
public enum PolicyAction {
    /** Inviting the candidate to an AI-run interview: capture and AI analysis of what is captured. */
    AI_INTERVIEW(EnumSet.of(ActionStep.CAPTURE, ActionStep.ANALYSIS), ConsentPurposes.AI_INTERVIEW),
    /** Using an AI score or recommendation in the hiring process. */
    AI_SCORING(EnumSet.of(ActionStep.SCORING), "scoring"),
    /**
     * Writing AI results onto the ATS record. It rests on the consent given for the interview: a consent
     * withdrawn after the interview stops the results from being written.
     */
    WRITE_BACK(EnumSet.of(ActionStep.WRITE_BACK), ConsentPurposes.AI_INTERVIEW),
    /** Keeping captured data; decided by the retention rules. */
    RETAIN(EnumSet.of(ActionStep.RETENTION), "retention"),
    /** Recording or collecting data, without analysing it. */
    CAPTURE(EnumSet.of(ActionStep.CAPTURE), "capture"),
    /** AI analysis of captured data. */
    AI_ANALYSIS(EnumSet.of(ActionStep.ANALYSIS), "analysis"),
    /** Rejecting a candidate on an AI result without a person deciding. */
    AUTOMATED_REJECTION(EnumSet.of(ActionStep.AUTOMATED_REJECTION), "automated_rejection"),
    /** Passing data to a third party (e.g. the AI vendor). */
    DISCLOSE_TO_THIRD_PARTY(EnumSet.of(ActionStep.DISCLOSURE), "disclosure");

    private final Set<ActionStep> steps;
    private final String purpose;

    PolicyAction(Set<ActionStep> steps, String purpose) {
        this.steps = steps;
        this.purpose = purpose;
    }

    /** The steps this action takes. */
    public Set<ActionStep> steps() {
        return EnumSet.copyOf(steps);
    }

    /**
     * The consent purpose a caller records to cover this action, e.g. {@code ai_interview} (also for
     * {@link #WRITE_BACK}, which rests on the interview's consent).
     */
    public String purpose() {
        return purpose;
    }
}
