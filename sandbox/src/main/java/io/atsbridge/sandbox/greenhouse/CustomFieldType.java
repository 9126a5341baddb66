package io.atsbridge.sandbox.greenhouse;

/**
 * A custom field's value type: Harvest's {@code value_type}. The simulator validates writes of each the way
 * Harvest documents them; currency, ranges and user fields are not simulated.
 */
public enum CustomFieldType {
    /** Text up to 255 characters. */
    SHORT_TEXT("short_text"),
    /** Text of any length. */
    LONG_TEXT("long_text"),
    /** A number (JSON number or numeric string). */
    NUMBER("number"),
    /** One option, written as its id or its exact name. */
    SINGLE_SELECT("single_select"),
    /** Several options, written as an array of option ids. */
    MULTI_SELECT("multi_select"),
    /** An absolute http(s) URL. */
    URL("url"),
    /** Yes / no; rendered with type {@code boolean} in keyed custom fields, as Greenhouse does. */
    YES_NO("yes_no"),
    /** A calendar date, {@code YYYY-MM-DD}. */
    DATE("date");

    private final String apiName;

    CustomFieldType(String apiName) {
        this.apiName = apiName;
    }

    /** Harvest's {@code value_type}. */
    public String apiName() {
        return apiName;
    }

    /** The {@code type} shown in {@code keyed_custom_fields} and webhooks. */
    String keyedTypeName() {
        return this == YES_NO ? "boolean" : apiName;
    }
}
