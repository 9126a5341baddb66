package io.atsbridge.consent.domain;

import io.micronaut.core.annotation.Nullable;

import java.util.Arrays;
import java.util.Locale;

/**
 * The kind of an obligation, as the rule pack's {@code obligation_type} column states it; it says how the
 * engine checks a rule. Nothing is guessed from the obligation's name.
 */
public enum ObligationType {
    /** A consent on the ledger, in the form the rule names (methods, all parties). */
    CONSENT,
    /** A notice on the ledger ({@code notice:<rule id>}), given the rule's business days before, if any. */
    NOTICE,
    /** A person reviews the outcome; the ledger can never show that in advance. */
    HUMAN_REVIEW,
    /** The rule's data category may not be processed at all. */
    PROHIBITION,
    /** The tool's most recent bias audit is at most the rule's value in years old. */
    BIAS_AUDIT,
    /** The tool's bias audit summary is published (its URL is on record). */
    AUDIT_SUMMARY_PUBLISHED,
    /** Data may be kept at most the rule's value in days after the candidate's last interaction. */
    RETENTION_LIMIT,
    /** Data may not be kept once the candidate asked for its deletion. */
    ERASURE_ON_REQUEST,
    /** Data may be shared only with those who evaluate the candidate. */
    SHARING_LIMIT,
    /** The candidate may opt out; a standing withdrawal for the step is an opt-out. */
    OPT_OUT,
    /** The requisition's public job posting must disclose the use of AI. */
    JOB_POSTING_DISCLOSURE,
    /** Not decided per action; the pack says why in {@code informational_reason}. */
    INFORMATIONAL;

    /** The pack's name, e.g. {@code retention_limit}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The type with the pack's name, or null. */
    @Nullable
    static ObligationType ofCode(String code) {
        return Arrays.stream(values()).filter(type -> type.code().equals(code)).findFirst().orElse(null);
    }
}
