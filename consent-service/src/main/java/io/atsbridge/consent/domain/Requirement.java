package io.atsbridge.consent.domain;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import static io.atsbridge.consent.domain.PolicyAction.AI_INTERVIEW;
import static io.atsbridge.consent.domain.PolicyAction.AI_SCORING;
import static io.atsbridge.consent.domain.PolicyAction.WRITE_BACK;

/**
 * The kinds of obligation the policy engine understands, and the actions each one constrains.
 * Obligations of other kinds (retention periods, audits, reports, request deadlines, opt-out and
 * access rights) are left out of decisions: they are duties on atsbridge's operator over time, not
 * preconditions of one action, and listing them as "satisfied" would claim a check nobody made.
 */
enum Requirement {

    /**
     * A consent on the ledger. It guards the interview, where capture and AI analysis happen, and the
     * write-back of its results, which rests on the same consent: one withdrawn after the interview stops
     * the write-back, since writing the results would process them on a basis the candidate has taken back.
     */
    CONSENT(Effect.REQUIRE_CONSENT, EnumSet.of(AI_INTERVIEW, WRITE_BACK)),
    /** A notice on the ledger, given before any use of the data. */
    NOTICE(Effect.REQUIRE_NOTICE, EnumSet.of(AI_INTERVIEW, AI_SCORING, WRITE_BACK)),
    /** A person reviews the outcome; the ledger can never show that in advance. */
    HUMAN_REVIEW(Effect.REQUIRE_HUMAN_REVIEW, EnumSet.of(AI_SCORING, WRITE_BACK)),
    /** A prohibited kind of processing, whatever the action. */
    PROHIBITION(Effect.DENY, EnumSet.allOf(PolicyAction.class));

    /** The data category that makes {@code emotion_recognition_prohibited} fire when requested. */
    static final String EMOTION_RECOGNITION = "emotion_recognition";

    private static final Set<String> CONSENTS = Set.of(
            "consent_required_before_capture",
            "consent_required_before_ai_analysis",
            "special_category_condition_required");
    private static final Set<String> HUMAN_REVIEWS = Set.of(
            "human_review_required",
            "human_oversight_assigned",
            "human_review_on_request");
    /** Notices the naming pattern below does not catch: explanations and information owed before use. */
    private static final Set<String> MORE_NOTICES = Set.of(
            "explanation_before_interview",
            "inform_affected_persons");
    /**
     * Names the pattern catches that are not notices before use: an outcome notice owed after the
     * last interview, and a bar on passing biometric data on without consent.
     */
    private static final Set<String> NOT_NOTICES = Set.of(
            "interviewed_applicant_outcome_notice_days",
            "disclosure_requires_consent");

    private final Effect effect;
    private final Set<PolicyAction> actions;

    Requirement(Effect effect, Set<PolicyAction> actions) {
        this.effect = effect;
        this.actions = actions;
    }

    /** What this requirement demands while unsatisfied. */
    Effect effect() {
        return effect;
    }

    /** Whether the requirement constrains the action. */
    boolean constrains(PolicyAction action) {
        return actions.contains(action);
    }

    /** The kind of an obligation, or empty when the engine does not decide on it. */
    static Optional<Requirement> of(String obligation) {
        if (CONSENTS.contains(obligation)) {
            return Optional.of(CONSENT);
        }
        if (HUMAN_REVIEWS.contains(obligation)) {
            return Optional.of(HUMAN_REVIEW);
        }
        if (obligation.equals("emotion_recognition_prohibited")) {
            return Optional.of(PROHIBITION);
        }
        if (NOT_NOTICES.contains(obligation)) {
            return Optional.empty();
        }
        if (MORE_NOTICES.contains(obligation) || obligation.startsWith("notice_") || obligation.contains("_notice")
                || obligation.contains("disclosure")) {
            return Optional.of(NOTICE);
        }
        return Optional.empty();
    }
}
