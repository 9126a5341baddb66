package io.atsbridge.consent.domain;

import io.atsbridge.platform.error.DomainException;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Jurisdiction codes: a region, then up to two subdivisions, e.g. {@code EU}, {@code US-IL},
 * {@code US-NY-NYC}, {@code CA-ON}. A code's ancestors are its shorter prefixes, so the law of
 * {@code US} and {@code US-NY} also applies in {@code US-NY-NYC}.
 */
public final class Jurisdictions {

    /** The shape of a code. */
    public static final Pattern CODE = Pattern.compile("[A-Z]{2}(-[A-Z0-9]{1,3}){0,2}");

    private Jurisdictions() {
    }

    /** Throws INVALID_ARGUMENT (JURISDICTION_INVALID) naming {@code field} when the code is malformed. */
    static void check(String field, String code) {
        DomainException.checkArgument(CODE.matcher(code).matches(), "JURISDICTION_INVALID",
                "%s: '%s' (expected: a code like US-IL, US-NY-NYC, EU, CA-ON)", field, code);
    }

    /** The code followed by its ancestors, nearest first: {@code US-NY-NYC -> [US-NY-NYC, US-NY, US]}. */
    public static List<String> withAncestors(String code) {
        List<String> chain = new ArrayList<>(3);
        String current = code;
        chain.add(current);
        for (int dash = current.lastIndexOf('-'); dash > 0; dash = current.lastIndexOf('-')) {
            current = current.substring(0, dash);
            chain.add(current);
        }
        return List.copyOf(chain);
    }

    /** Whether {@code code} is {@code place} itself or lies within it ({@code US-IL} covers {@code US-IL}, not {@code US}). */
    public static boolean covers(String place, String code) {
        return code.equals(place) || code.startsWith(place + "-");
    }
}
