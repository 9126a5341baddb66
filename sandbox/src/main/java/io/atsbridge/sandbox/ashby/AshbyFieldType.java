package io.atsbridge.sandbox.ashby;

/**
 * The custom field types the simulator types values by, with Ashby's {@code fieldType} names (customField.create
 * enum in Ashby's OpenAPI). What {@code customField.setValue} accepts for each follows its documentation: Boolean a
 * boolean, Date an ISO date string, String and LongText a string, ValueSelect one option value, MultiValueSelect
 * an array of option values, Number a number, Url an http(s) URL.
 */
public enum AshbyFieldType {
    NUMBER("Number"),
    STRING("String"),
    LONG_TEXT("LongText"),
    VALUE_SELECT("ValueSelect"),
    MULTI_VALUE_SELECT("MultiValueSelect"),
    BOOLEAN("Boolean"),
    DATE("Date"),
    URL("Url");

    private final String apiName;

    AshbyFieldType(String apiName) {
        this.apiName = apiName;
    }

    /** Ashby's spelling, e.g. {@code ValueSelect}. */
    public String apiName() {
        return apiName;
    }

    /** Whether values come from the field's selectable values. */
    public boolean selectable() {
        return this == VALUE_SELECT || this == MULTI_VALUE_SELECT;
    }
}
