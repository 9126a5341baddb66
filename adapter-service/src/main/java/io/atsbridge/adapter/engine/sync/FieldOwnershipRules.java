package io.atsbridge.adapter.engine.sync;

import com.fasterxml.jackson.databind.JsonNode;
import io.atsbridge.adapter.engine.domain.FieldOwnership;
import io.atsbridge.adapter.engine.domain.WriteConflict;
import io.atsbridge.connectors.CustomFieldWrite;
import io.atsbridge.proto.mapping.v1.FieldWrite;
import io.micronaut.core.annotation.Nullable;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Whether atsbridge may write a custom field, from the value the ATS holds now and what atsbridge last
 * wrote there: a value a person changed (or set before atsbridge ever wrote it) is never overwritten.
 * Values are compared as the ATS shows them: numbers numerically, selects by option id or name, text
 * exactly; empty (absent, null, "" or []) equals empty.
 */
final class FieldOwnershipRules {

    /** What to do with one planned field value. */
    enum Decision {
        /** Write it: the field is empty, atsbridge's own, or already holds the value. */
        WRITE,
        /** Do not write it: a person changed the field; record a conflict for review. */
        CONFLICT,
        /** Do not write it: an operator kept a person's value (sticky until an operator applies ours). */
        KEEP
    }

    private FieldOwnershipRules() {
    }

    static Decision decide(@Nullable FieldOwnership owned, @Nullable JsonNode current, CustomFieldWrite planned) {
        if (owned != null && owned.owner() == FieldOwnership.Owner.PERSON) {
            return Decision.KEEP;
        }
        if (matches(current, planned.valueText())) {
            return Decision.WRITE;
        }
        if (owned == null) {
            // Never written by atsbridge: only an empty field is free; a value there is a person's.
            return shown(current) == null ? Decision.WRITE : Decision.CONFLICT;
        }
        // Still what atsbridge last wrote (as the ATS shows it, or as sent), else a person changed or cleared it.
        boolean unchanged = owned.observedText() != null ? matches(current, owned.observedText())
                : matches(current, owned.writtenText());
        return unchanged || (owned.observedText() != null && matches(current, owned.writtenText()))
                ? Decision.WRITE : Decision.CONFLICT;
    }

    /** The value as the ATS shows it, as text; null when empty. An option {id, name} shows as its name. */
    @Nullable
    static String shown(@Nullable JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        String text;
        if (value.isNumber()) {
            text = value.decimalValue().stripTrailingZeros().toPlainString();
        } else if (value.isObject()) {
            JsonNode name = value.path("name");
            text = name.isValueNode() ? name.asText() : value.path("id").asText("");
        } else if (value.isArray()) {
            List<String> parts = new ArrayList<>();
            value.forEach(element -> {
                String part = shown(element);
                if (part != null) {
                    parts.add(part);
                }
            });
            text = String.join(", ", parts);
        } else {
            text = value.asText();
        }
        return text.isEmpty() ? null : text;
    }

    /** Whether the ATS value equals the text: numerically for numbers, by id or name for an option, else exactly. */
    static boolean matches(@Nullable JsonNode current, @Nullable String text) {
        String shown = shown(current);
        if (shown == null || text == null || text.isEmpty()) {
            return shown == null && (text == null || text.isEmpty());
        }
        JsonNode value = Objects.requireNonNull(current, "a value is shown, so there is one");
        if (value.isObject() && (text.equals(value.path("id").asText()) || text.equals(value.path("name").asText()))) {
            return true;
        }
        BigDecimal left = decimal(shown);
        BigDecimal right = decimal(text);
        if (left != null && right != null) {
            return left.compareTo(right) == 0;
        }
        return shown.equals(text);
    }

    /** How the planned value is written ({@link WriteConflict#NUMBER} ...); null when the write has no value. */
    @Nullable
    static String kind(FieldWrite write) {
        return switch (write.getValue().getKindCase()) {
            case NUMBER_VALUE -> WriteConflict.NUMBER;
            case TEXT_VALUE -> WriteConflict.TEXT;
            case OPTION_ID -> WriteConflict.OPTION;
            case URL_VALUE -> WriteConflict.URL;
            case KIND_NOT_SET -> null;
        };
    }

    /** The write of a stored value of the kind. */
    static CustomFieldWrite write(String fieldKey, String kind, String valueText) {
        return switch (kind) {
            case WriteConflict.NUMBER -> CustomFieldWrite.number(fieldKey, Double.parseDouble(valueText));
            case WriteConflict.OPTION -> CustomFieldWrite.option(fieldKey, valueText);
            case WriteConflict.URL -> CustomFieldWrite.url(fieldKey, valueText);
            default -> CustomFieldWrite.text(fieldKey, valueText);
        };
    }

    @Nullable
    private static BigDecimal decimal(String text) {
        if (text.isEmpty() || text.length() > 40 || !text.matches("-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?")) {
            return null;
        }
        return new BigDecimal(text);
    }
}
