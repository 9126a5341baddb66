package io.atsbridge.consent.domain;

/**
 * A consent the candidate must give before the action.
 *
 * @param purpose      the purpose the consent must name, e.g. {@code ai_interview}
 * @param dataCategory the data category, e.g. {@code video}
 * @param jurisdiction the jurisdiction whose rule asks for it
 * @param consentType  the form the law asks for, e.g. {@code written_release}
 */
public record MissingConsent(String purpose, String dataCategory, String jurisdiction, String consentType) {
}
