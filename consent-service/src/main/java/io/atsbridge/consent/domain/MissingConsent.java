package io.atsbridge.consent.domain;

import java.util.List;

/**
 * A consent the candidate must give before the action.
 *
 * @param purpose         the purpose the consent must name, e.g. {@code ai_interview}
 * @param dataCategory    the data category, e.g. {@code video}
 * @param jurisdiction    the jurisdiction whose rule asks for it
 * @param consentType     the form the law asks for, e.g. {@code written_release}
 * @param acceptedMethods the methods that meet the rule
 * @param allParties      whether every party to the recording must consent
 */
public record MissingConsent(String purpose, String dataCategory, String jurisdiction, String consentType,
                             List<ConsentMethod> acceptedMethods, boolean allParties) {

    public MissingConsent {
        acceptedMethods = List.copyOf(acceptedMethods);
    }
}
