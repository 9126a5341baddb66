package io.atsbridge.consent.domain;

import io.atsbridge.platform.error.DomainException;
import io.micronaut.core.annotation.Nullable;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The closed vocabulary of data categories and its umbrella hierarchy. Every category that carries a
 * person's data lies under {@code personal_data}; the biometric identifiers lie under {@code biometric}
 * (a facial template is a kind of face geometry). {@code audit_summary} and {@code job_posting} are not
 * personal data: they describe the tool and the requisition. {@code *} (ledger entries and rules only)
 * covers everything. A name outside the vocabulary is refused, never matched against nothing.
 */
public final class DataCategories {

    /** Every category. */
    public static final String ALL = "*";
    /** The umbrella of every category that carries a person's data. */
    public static final String PERSONAL_DATA = "personal_data";

    /** Each category and its umbrella (null for a root), in the order error messages list them. */
    private static final Map<String, @Nullable String> PARENTS = parents();

    private DataCategories() {
    }

    private static Map<String, @Nullable String> parents() {
        Map<String, @Nullable String> parents = new LinkedHashMap<>();
        parents.put(PERSONAL_DATA, null);
        parents.put("biometric", PERSONAL_DATA);
        parents.put("biometric.voiceprint", "biometric");
        parents.put("biometric.face_geometry", "biometric");
        parents.put("biometric.face_template", "biometric.face_geometry");
        for (String category : List.of("voice_recording", "video", "transcript", "emotion_recognition", "score",
                "recommendation", "classification", "demographic", "zip_code", "system_logs")) {
            parents.put(category, PERSONAL_DATA);
        }
        parents.put("audit_summary", null);
        parents.put("job_posting", null);
        return java.util.Collections.unmodifiableMap(parents);
    }

    /** The vocabulary, umbrellas before their members. */
    public static List<String> vocabulary() {
        return List.copyOf(PARENTS.keySet());
    }

    /** Whether the name is in the vocabulary ({@code *} is not). */
    public static boolean isKnown(String category) {
        return PARENTS.containsKey(category);
    }

    /** Throws INVALID_ARGUMENT (DATA_CATEGORY_UNKNOWN) unless {@code category} is in the vocabulary. */
    static void check(String field, String category) {
        DomainException.checkArgument(isKnown(category), "DATA_CATEGORY_UNKNOWN",
                "%s: '%s' is not a data category (expected one of: %s)", field, category, String.join(", ", vocabulary()));
    }

    /** Like {@link #check}, but also accepts {@code *} alone, for a ledger entry that covers every category. */
    static void checkOrAll(String field, String category) {
        DomainException.checkArgument(category.equals(ALL) || isKnown(category), "DATA_CATEGORY_UNKNOWN",
                "%s: '%s' is not a data category (expected * for all, or one of: %s)", field, category,
                String.join(", ", vocabulary()));
    }

    /** The category followed by its umbrellas, nearest first: {@code biometric.voiceprint, biometric, personal_data}. */
    static List<String> withUmbrellas(String category) {
        List<String> chain = new ArrayList<>(4);
        // The vocabulary is a tree of depth four: the bound only guards against a mistake in it.
        for (String current = category; current != null && chain.size() < PARENTS.size(); current = PARENTS.get(current)) {
            chain.add(current);
        }
        return chain;
    }

    /** Whether {@code general} is {@code specific}, an umbrella over it, or {@code *}. */
    public static boolean covers(String general, String specific) {
        return general.equals(ALL) || withUmbrellas(specific).contains(general);
    }

    /**
     * The category a rule's category and a requested category have in common: the more specific of
     * the two when one covers the other ({@code *} and {@code score} give {@code score};
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
