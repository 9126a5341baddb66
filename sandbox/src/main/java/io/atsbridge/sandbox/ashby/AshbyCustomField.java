package io.atsbridge.sandbox.ashby;

import java.util.List;
import java.util.Optional;

/**
 * A custom field definition as {@code customField.list} returns it.
 *
 * @param id      the field id clients write with ({@code customField.setValue} {@code fieldId})
 * @param options the options of a ValueSelect or MultiValueSelect field, each a label and a value
 */
public record AshbyCustomField(String id, AshbyObjectType objectType, String title, AshbyFieldType fieldType,
                               List<AshbySelectableValue> options) {

    public AshbyCustomField {
        options = List.copyOf(options);
    }

    /** The option values: what {@code customField.setValue} takes for a select field. */
    public List<String> selectableValues() {
        return options.stream().map(AshbySelectableValue::value).toList();
    }

    /** The option with this value. */
    public Optional<AshbySelectableValue> option(String value) {
        return options.stream().filter(o -> o.value().equals(value)).findFirst();
    }
}
