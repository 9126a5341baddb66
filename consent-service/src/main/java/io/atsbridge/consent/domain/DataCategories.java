package io.atsbridge.consent.domain;

import io.atsbridge.platform.error.DomainException;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Data categories are dotted families: {@code biometric} contains {@code biometric.voiceprint}, and
 * {@code *} contains everything. Rules and consents name categories at any level.
 */
public final class DataCategories {

    /** Every category. */
    public static final String ALL = "*";

    /** A concrete category or family, as callers ask about them. */
    static final Pattern NAME = Pattern.compile("[a-z0-9_]+(\\.[a-z0-9_]+)*");
    static final int MAX_LENGTH = 60;

    private DataCategories() {
    }

    /** Throws INVALID_ARGUMENT (DATA_CATEGORY_INVALID) unless {@code category} names a category or family. */
    static void checkName(String field, String category) {
        DomainException.checkArgument(category.length() <= MAX_LENGTH && NAME.matcher(category).matches(),
                "DATA_CATEGORY_INVALID",
                "%s: '%s' (expected: 1..%s of a-z 0-9 _ in dot-separated parts, e.g. video, biometric.voiceprint)",
                field, category, MAX_LENGTH);
    }

    /** Like {@link #checkName}, but also accepts {@code *} alone, for a consent that covers every category. */
    static void checkNameOrAll(String field, String category) {
        DomainException.checkArgument(category.equals(ALL)
                        || (category.length() <= MAX_LENGTH && NAME.matcher(category).matches()),
                "DATA_CATEGORY_INVALID",
                "%s: '%s' (expected: 1..%s of a-z 0-9 _ in dot-separated parts, e.g. video, biometric.voiceprint; "
                        + "or * alone for every category)", field, category, MAX_LENGTH);
    }

    /** Whether {@code general} is {@code specific} or a family (or {@code *}) that contains it. */
    public static boolean covers(String general, String specific) {
        return general.equals(ALL) || general.equals(specific) || specific.startsWith(general + ".");
    }

    /**
     * The category a rule's category and a requested category have in common: the more specific of
     * the two when one contains the other ({@code *} and {@code score} give {@code score};
     * {@code biometric.voiceprint} and {@code biometric} give {@code biometric.voiceprint}).
     */
    public static Optional<String> overlap(String ruleCategory, String requested) {
        if (covers(ruleCategory, requested)) {
            return Optional.of(requested);
        }
        if (covers(requested, ruleCategory)) {
            return Optional.of(ruleCategory);
        }
        return Optional.empty();
    }
}
