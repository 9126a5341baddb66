package io.atsbridge.connectors;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A custom field as the ATS defines it: what a write-back may put there.
 *
 * @param scope   {@link #CANDIDATE} or {@link #APPLICATION}
 * @param key     the field's immutable key: Greenhouse {@code name_key}, Ashby field id
 * @param name    the name people see
 * @param type    atsbridge's name of the type ({@code number}, {@code short_text}, {@code long_text},
 *                {@code single_select}, {@code multi_select}, {@code url}, {@code date}, {@code boolean}), or the
 *                vendor's own name, lower-cased, for types atsbridge does not write (e.g. {@code currency})
 * @param options the options of a select field (empty otherwise)
 * @param active  false when the ATS keeps the field but no longer takes values (inactive, archived)
 */
public record CustomFieldDefinition(String scope, String key, String name, String type, List<Option> options,
                                    boolean active) {

    /** Fields on the candidate. */
    public static final String CANDIDATE = "candidate";
    /** Fields on the application. */
    public static final String APPLICATION = "application";

    public CustomFieldDefinition {
        options = List.copyOf(options);
    }

    /**
     * atsbridge's name for a vendor's field type: the vendor's name lower-cased, or what {@code renamed} maps that to
     * where atsbridge names it otherwise (Greenhouse {@code yes_no} → {@code boolean}, Ashby {@code ValueSelect} →
     * {@code single_select}).
     *
     * @param renamed the vendor's lower-case type names that atsbridge names otherwise, to atsbridge's names
     */
    public static String type(String vendorType, Map<String, String> renamed) {
        String lower = vendorType.trim().toLowerCase(Locale.ROOT);
        return renamed.getOrDefault(lower, lower);
    }

    /** Whether {@code value} names one of the options, by id or by name (as Greenhouse and Ashby accept either). */
    public boolean hasOption(String value) {
        return options.stream().anyMatch(o -> o.id().equals(value) || o.name().equals(value));
    }

    /** A select option: Greenhouse option id and name; Ashby's value and label. */
    public record Option(String id, String name) {
    }
}
