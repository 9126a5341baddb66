package io.atsbridge.sandbox.ashby;

import java.util.List;

/**
 * A custom field definition as {@code customField.list} returns it.
 *
 * @param id               the field id clients write with ({@code customField.setValue} {@code fieldId})
 * @param selectableValues the option values of a ValueSelect or MultiValueSelect field (label = value here)
 */
public record AshbyCustomField(String id, AshbyObjectType objectType, String title, AshbyFieldType fieldType,
                               List<String> selectableValues) {

    public AshbyCustomField {
        selectableValues = List.copyOf(selectableValues);
    }
}
