package io.atsbridge.consent.domain;

import io.micronaut.core.annotation.Nullable;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

/**
 * One row of a jurisdiction rule pack: an obligation the law of one jurisdiction puts on some data
 * categories, from a date, with its legal source, typed for the engine.
 *
 * @param id                  the rule's id in the pack, e.g. {@code IL-06}
 * @param jurisdiction        the jurisdiction code, e.g. {@code US-IL}
 * @param dataCategories      the categories it concerns (the CSV joins several with '|'); {@code *} is all
 * @param obligation          what the law asks, e.g. {@code consent_required_before_ai_analysis}
 * @param value               the obligation's value, read with {@code unit} (e.g. {@code 10} business_days)
 * @param unit                the unit of {@code value}, e.g. {@code consent_type}, {@code business_days}, {@code bool}
 * @param condition           when the obligation applies, for people; may be empty
 * @param effectiveFrom       the first day it applies, or null when the pack gives none (in force since long ago)
 * @param status              {@code in_force...}, {@code future}, {@code adopted_pending_oj}, {@code proposed}, {@code repealed...}
 * @param citation            the legal source, e.g. {@code 820 ILCS 42/5(3)}
 * @param type                how the engine checks it
 * @param effect              what it demands while unsatisfied ({@link Effect#ALLOW} for informational rules)
 * @param actions             the steps it constrains; empty for informational rules
 * @param consentForms        for a consent rule, the methods that meet it
 * @param allParties          for a consent rule, whether every party to the recording must consent
 * @param verify              whether the pack marks it VERIFY: it binds only for tenants that turn it on
 * @param effectiveUntil      the last day it applies (a sunset), or null when it has none
 * @param informationalReason why an informational rule decides nothing; empty for the others
 */
public record Rule(
        String id,
        String jurisdiction,
        List<String> dataCategories,
        String obligation,
        String value,
        String unit,
        String condition,
        @Nullable LocalDate effectiveFrom,
        String status,
        String citation,
        ObligationType type,
        Effect effect,
        Set<ActionStep> actions,
        List<ConsentForm> consentForms,
        boolean allParties,
        boolean verify,
        @Nullable LocalDate effectiveUntil,
        String informationalReason) {

    /** The unit of a notice that must precede use by a number of business days. */
    static final String BUSINESS_DAYS = "business_days";
    /** The unit of a value that names the form of consent. */
    static final String CONSENT_TYPE = "consent_type";
    /** The unit of a value that lists legal conditions, one of which may be a consent. */
    static final String CONDITION = "condition";

    public Rule {
        dataCategories = List.copyOf(dataCategories);
        actions = actions.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(actions));
        consentForms = List.copyOf(consentForms);
    }

    /**
     * Whether the rule binds on {@code day} (the jurisdiction's local date). In-force rules bind from their
     * effective date (always, when it is empty). Rules marked {@code future} or {@code adopted_pending_oj}
     * bind once their effective date has come, since the marking describes the pack's date, not the
     * evaluated one. Repealed and proposed rules, and statuses this engine does not know, never bind. No
     * rule binds after its {@code effective_until} day.
     */
    public boolean inForceOn(LocalDate day) {
        if (effectiveUntil != null && day.isAfter(effectiveUntil)) {
            return false;
        }
        boolean started = effectiveFrom == null || !effectiveFrom.isAfter(day);
        if (status.startsWith("in_force")) {
            return started;
        }
        if (status.equals("future") || status.equals("adopted_pending_oj")) {
            return effectiveFrom != null && started;
        }
        return false;
    }

    /** Whether the engine decides on it (every type but {@link ObligationType#INFORMATIONAL}). */
    public boolean decides() {
        return type != ObligationType.INFORMATIONAL;
    }

    /**
     * The form of consent a consent rule asks for, for people: its value when the unit is
     * {@code consent_type} (e.g. {@code written_release}, {@code all_parties}); the consent among the
     * alternatives of a {@code condition} (e.g. {@code explicit_consent}); otherwise plain {@code consent}.
     */
    public String consentType() {
        if (unit.equals(CONSENT_TYPE) && !value.isEmpty()) {
            return value;
        }
        if (unit.equals(CONDITION)) {
            for (String alternative : value.split("\\|")) {
                if (alternative.contains("consent")) {
                    return alternative;
                }
            }
        }
        return "consent";
    }

    /** The business days a notice must precede use, when the rule sets such a waiting period. */
    public OptionalInt waitingBusinessDays() {
        return unit.equals(BUSINESS_DAYS) ? OptionalInt.of(Integer.parseInt(value)) : OptionalInt.empty();
    }
}
