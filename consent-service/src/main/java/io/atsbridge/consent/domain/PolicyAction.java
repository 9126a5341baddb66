package io.atsbridge.consent.domain;

import java.util.Locale;

/** Something atsbridge wants to do that the law may constrain. */
public enum PolicyAction {
    /** Inviting the candidate to an AI-run interview: capture and AI analysis of what is captured. */
    AI_INTERVIEW,
    /** Using an AI score or recommendation in the hiring process. */
    AI_SCORING,
    /**
     * Writing AI results onto the ATS record. It rests on the consent given for the interview: a consent
     * withdrawn after the interview stops the results from being written.
     */
    WRITE_BACK,
    /** Keeping captured data beyond the interview. */
    RETAIN;

    /** The consent purpose this action needs, e.g. {@code ai_interview} (also for {@link #WRITE_BACK}). */
    public String purpose() {
        return this == WRITE_BACK ? AI_INTERVIEW.purpose() : name().toLowerCase(Locale.ROOT);
    }
}
