package io.atsbridge.sandbox.ashby;

/**
 * One option of a ValueSelect or MultiValueSelect field, as {@code customField.list} renders it: Ashby keeps a
 * {@code label} (what people see) apart from the {@code value} (what {@code customField.setValue} takes and what a
 * field's value holds); Ashby's OpenAPI, customField.info {@code selectableValues} items {@code {label, value,
 * isArchived}} and customField.setValue "ValueSelect - A string that matches the value of one of the ValueSelect
 * field's options".
 */
public record AshbySelectableValue(String label, String value) {

    public AshbySelectableValue {
        if (label == null || label.isBlank() || value == null || value.isBlank()) {
            throw new IllegalArgumentException("selectable value: label '" + label + "', value '" + value
                    + "' (expected: both non-blank, e.g. label \"Strong yes\", value \"strong_yes\")");
        }
    }

    /** An option whose label and value are the same text. */
    public static AshbySelectableValue of(String labelAndValue) {
        return new AshbySelectableValue(labelAndValue, labelAndValue);
    }
}
