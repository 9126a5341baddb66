package io.atsbridge.identity.domain;

import io.atsbridge.platform.error.DomainException;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a source system says about a person; empty strings are unknown.
 */
public record Profile(String givenName, String familyName, String email, String phone, List<String> jurisdictions) {

    /** Jurisdiction codes: a region, then up to two subdivisions, e.g. EU, US-IL, US-NY-NYC, CA-ON. */
    static final Pattern JURISDICTION = Pattern.compile("[A-Z]{2}(-[A-Z0-9]{1,3}){0,2}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");

    public Profile {
        jurisdictions = List.copyOf(jurisdictions);
    }

    /** The profile trimmed and checked, with the e-mail lower-cased. */
    Profile normalised() {
        String normalisedEmail = email.trim().toLowerCase(Locale.ROOT);
        DomainException.checkArgument(normalisedEmail.isEmpty() || EMAIL.matcher(normalisedEmail).matches(),
                "EMAIL_INVALID", "profile.email: '%s' (expected: an address like name@example.com, or empty)", email);
        DomainException.checkArgument(normalisedEmail.length() <= 320, "EMAIL_INVALID",
                "profile.email is %s characters (expected: at most 320)", normalisedEmail.length());
        for (String code : jurisdictions) {
            DomainException.checkArgument(JURISDICTION.matcher(code).matches(), "JURISDICTION_INVALID",
                    "profile.jurisdictions: '%s' (expected: codes like US-IL, US-NY-NYC, EU, CA-ON)", code);
        }
        checkLength("profile.given_name", givenName, 200);
        checkLength("profile.family_name", familyName, 200);
        checkLength("profile.phone", phone, 64);
        return new Profile(givenName.trim(), familyName.trim(), normalisedEmail, phone.trim(), jurisdictions);
    }

    private static void checkLength(String field, String value, int max) {
        DomainException.checkArgument(value.length() <= max, "FIELD_TOO_LONG",
                "%s is %s characters (expected: at most %s)", field, value.length(), max);
    }
}
