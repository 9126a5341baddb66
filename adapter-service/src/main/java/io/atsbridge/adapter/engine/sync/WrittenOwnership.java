package io.atsbridge.adapter.engine.sync;

import com.fasterxml.jackson.databind.JsonNode;
import io.atsbridge.adapter.engine.domain.FieldOwnership;
import io.atsbridge.adapter.engine.domain.WriteConflict;
import io.atsbridge.connectors.CustomFieldWrite;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What atsbridge owns of the custom fields it just wrote: the value sent and the value as the ATS shows it,
 * which later reads are compared with ({@link FieldOwnershipRules}). A select shows the option's name, taken
 * from the field definitions, else from reading the record back just after the write. Any other field read
 * back with another value than the one sent was changed by a person in between: the value sent is recorded,
 * so the person's edit is a conflict later, never overwritten.
 */
final class WrittenOwnership {

    /** The name the ATS shows for an option of a select field, from the definitions at hand; empty when they do not say. */
    @FunctionalInterface
    interface OptionNames {
        Optional<String> name(String scope, String fieldKey, String optionId);
    }

    private WrittenOwnership() {
    }

    /** Whether a select was written whose option name the definitions do not give: then the record is read back. */
    static boolean needsReading(String scope, List<CustomFieldWrite> fields, Map<String, String> kinds, OptionNames names) {
        return fields.stream().anyMatch(f -> WriteConflict.OPTION.equals(kinds.get(scope + "/" + f.nameKey()))
                && names.name(scope, f.nameKey(), f.valueText()).isEmpty());
    }

    /**
     * The ownership of a field atsbridge wrote.
     *
     * @param shown the record's values as read back after the write; empty when it was not read back
     * @param kinds how each value was written, by {@code SCOPE/key} ({@link PlannedWrites#kinds()})
     */
    static FieldOwnership owned(String atsConnectionId, String scope, String recordId, CustomFieldWrite field,
                                Map<String, JsonNode> shown, Map<String, String> kinds, OptionNames names, Instant at) {
        JsonNode read = shown.get(field.nameKey());
        String observed;
        if (WriteConflict.OPTION.equals(kinds.get(scope + "/" + field.nameKey()))) {
            observed = names.name(scope, field.nameKey(), field.valueText())
                    .orElseGet(() -> FieldOwnershipRules.shown(read != null ? read : field.value()));
        } else {
            observed = read != null && FieldOwnershipRules.matches(read, field.valueText())
                    ? FieldOwnershipRules.shown(read) : FieldOwnershipRules.shown(field.value());
        }
        return new FieldOwnership(atsConnectionId, scope, recordId, field.nameKey(), FieldOwnership.Owner.ATSBRIDGE,
                field.valueText(), observed, at);
    }
}
