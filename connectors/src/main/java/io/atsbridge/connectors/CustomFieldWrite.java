package io.atsbridge.connectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One custom field value to write, by the field's immutable key (Greenhouse {@code name_key}), already
 * typed as the ATS takes it: a number, a text, a select option id, or a URL.
 *
 * @param value the JSON value sent
 */
public record CustomFieldWrite(String nameKey, JsonNode value) {

    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,18}");

    public CustomFieldWrite {
        Objects.requireNonNull(nameKey, "nameKey");
        Objects.requireNonNull(value, "value");
        if (nameKey.isBlank()) {
            throw new IllegalArgumentException("nameKey is blank (expected: the custom field's immutable key)");
        }
    }

    public static CustomFieldWrite number(String nameKey, double value) {
        BigDecimal decimal = BigDecimal.valueOf(value).stripTrailingZeros();
        return new CustomFieldWrite(nameKey, decimal.scale() <= 0
                ? JsonNodeFactory.instance.numberNode(decimal.toBigIntegerExact())
                : JsonNodeFactory.instance.numberNode(decimal));
    }

    public static CustomFieldWrite text(String nameKey, String value) {
        return new CustomFieldWrite(nameKey, JsonNodeFactory.instance.textNode(value));
    }

    /** A single-select value: the option id, sent as a number when it is one (as Greenhouse's ids are). */
    public static CustomFieldWrite option(String nameKey, String optionId) {
        return new CustomFieldWrite(nameKey, DIGITS.matcher(optionId).matches()
                ? JsonNodeFactory.instance.numberNode(Long.parseLong(optionId))
                : JsonNodeFactory.instance.textNode(optionId));
    }

    public static CustomFieldWrite url(String nameKey, String value) {
        return new CustomFieldWrite(nameKey, JsonNodeFactory.instance.textNode(value));
    }

    /** The value as text, as it is recorded in the write record. */
    public String valueText() {
        return value.isNumber() ? value.decimalValue().stripTrailingZeros().toPlainString() : value.asText();
    }
}
