package io.atsbridge.sandbox.greenhouse;

import java.util.List;
import java.util.Optional;

/**
 * A custom field definition.
 *
 * @param nameKey the immutable field key clients write with ({@code name_key})
 * @param options the options of a select field, else empty
 * @param active  false once the field is deleted in Greenhouse: Harvest keeps the definition ({@code "active": false}),
 *                lists it only when asked with {@code include_inactive=true}, and the field takes no values
 */
public record CustomFieldDefinition(long id, CustomFieldScope scope, String name, String nameKey,
                                    CustomFieldType type, List<CustomFieldOption> options, boolean active) {

    public CustomFieldDefinition {
        options = List.copyOf(options);
    }

    /** The option with this id. */
    public Optional<CustomFieldOption> option(long optionId) {
        return options.stream().filter(o -> o.id() == optionId).findFirst();
    }

    /** The option with exactly this name. */
    public Optional<CustomFieldOption> optionNamed(String optionName) {
        return options.stream().filter(o -> o.name().equals(optionName)).findFirst();
    }

    /** This field as Greenhouse keeps it once deleted. */
    CustomFieldDefinition deactivated() {
        return new CustomFieldDefinition(id, scope, name, nameKey, type, options, false);
    }
}
