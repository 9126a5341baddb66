package io.atsbridge.consent.domain;

import io.atsbridge.platform.error.DomainException;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Jurisdiction codes: a region, then up to two subdivisions, e.g. {@code EU}, {@code US-IL},
 * {@code US-NY-NYC}, {@code CA-ON}, {@code DE-BY}. A code's ancestors are its shorter prefixes, so the law
 * of {@code US} and {@code US-NY} also applies in {@code US-NY-NYC}; a member state of the European Union
 * (and every place in it) also has {@code EU} as its last ancestor, so GDPR and the EU AI Act apply in
 * {@code DE} and {@code FR-75} as they do in {@code EU}. EEA states outside the EU (Norway, Iceland,
 * Liechtenstein) are not included: the AI Act is not yet part of the EEA agreement.
 */
public final class Jurisdictions {

    /** The shape of a code. */
    public static final Pattern CODE = Pattern.compile("[A-Z]{2}(-[A-Z0-9]{1,3}){0,2}");

    /**
     * The 27 member states of the European Union as ISO 3166-1 alpha-2 codes, with Greece also under the
     * EU's own code {@code EL}.
     */
    public static final Set<String> EU_MEMBER_STATES = Set.of("AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE",
            "EL", "ES", "FI", "FR", "GR", "HR", "HU", "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO",
            "SE", "SI", "SK");

    private static final String EU = "EU";

    private Jurisdictions() {
    }

    /** Throws INVALID_ARGUMENT (JURISDICTION_INVALID) naming {@code field} when the code is malformed. */
    static void check(String field, String code) {
        DomainException.checkArgument(CODE.matcher(code).matches(), "JURISDICTION_INVALID",
                "%s: '%s' (expected: a code like US-IL, US-NY-NYC, EU, CA-ON)", field, code);
    }

    /**
     * The code followed by its ancestors, nearest first: {@code US-NY-NYC -> [US-NY-NYC, US-NY, US]},
     * {@code DE-BY -> [DE-BY, DE, EU]}.
     */
    public static List<String> withAncestors(String code) {
        List<String> chain = new ArrayList<>(4);
        String current = code;
        chain.add(current);
        for (int dash = current.lastIndexOf('-'); dash > 0; dash = current.lastIndexOf('-')) {
            current = current.substring(0, dash);
            chain.add(current);
        }
        if (EU_MEMBER_STATES.contains(current)) {
            chain.add(EU);
        }
        return List.copyOf(chain);
    }

    /**
     * Whether {@code code} is {@code place} itself or lies within it ({@code US-IL} covers {@code US-IL}, not
     * {@code US}; {@code EU} covers {@code DE} and {@code DE-BY}).
     */
    public static boolean covers(String place, String code) {
        return withAncestors(code).contains(place);
    }
}
