package io.atsbridge.consent.domain;

import io.micronaut.core.annotation.Nullable;

import java.util.Arrays;
import java.util.Locale;

/**
 * The basic things the law constrains, as the rule pack's {@code actions} column names them. A
 * {@link PolicyAction} a caller asks about is one or more steps (an AI interview captures and analyses).
 */
public enum ActionStep {
    /** Recording or collecting data. */
    CAPTURE,
    /** AI analysis of captured data. */
    ANALYSIS,
    /** Producing or using an AI score, recommendation or classification. */
    SCORING,
    /** Rejecting a candidate on an AI result without a person deciding. */
    AUTOMATED_REJECTION,
    /** Writing AI results onto the ATS record. */
    WRITE_BACK,
    /** Keeping data. */
    RETENTION,
    /** Passing data to a third party. */
    DISCLOSURE;

    /** The pack's name, e.g. {@code write_back}; also the consent purpose that covers this step alone. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The step with the pack's name, or null. */
    @Nullable
    static ActionStep ofCode(String code) {
        return Arrays.stream(values()).filter(step -> step.code().equals(code)).findFirst().orElse(null);
    }
}
