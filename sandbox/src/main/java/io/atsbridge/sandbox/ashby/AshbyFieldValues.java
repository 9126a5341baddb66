package io.atsbridge.sandbox.ashby;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.net.URI;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Checks a {@code customField.setValue} {@code fieldValue} against the field's type, as Ashby documents the
 * accepted values per type (Boolean a boolean; Date an ISO date string; String and LongText a string;
 * ValueSelect a string matching one option's value (not its label); MultiValueSelect an array of option values; Number a
 * number; Url a valid http or https URL). A mismatch is {@code invalid_input} (the code Ashby's OpenAPI lists
 * for "a parameter is the wrong type").
 */
final class AshbyFieldValues {

    /** A sanity bound on free text, so one request cannot fill the simulator's memory. */
    static final int MAX_TEXT = 100_000;

    private AshbyFieldValues() {
    }

    /** The value to store, as Ashby renders it back; throws {@link AshbyApiException} when it does not fit the field. */
    static JsonNode check(AshbyCustomField field, JsonNode value) {
        String name = "fieldValue for " + field.fieldType().apiName() + " field " + field.title() + " (" + field.id() + ")";
        return switch (field.fieldType()) {
            case NUMBER -> {
                if (!value.isNumber()) {
                    throw wrong(name, value, "a JSON number, e.g. 82.5");
                }
                yield value;
            }
            case STRING, LONG_TEXT -> {
                if (!value.isTextual()) {
                    throw wrong(name, value, "a JSON string");
                }
                if (value.asText().length() > MAX_TEXT) {
                    throw AshbyApiException.invalidInput(name + ": " + value.asText().length()
                            + " characters (expected: at most " + MAX_TEXT + ")");
                }
                yield value;
            }
            case BOOLEAN -> {
                if (!value.isBoolean()) {
                    throw wrong(name, value, "true or false");
                }
                yield value;
            }
            case DATE -> {
                if (!value.isTextual() || !isIsoDate(value.asText())) {
                    throw wrong(name, value, "an ISO date string, e.g. 2026-03-01 or 2026-03-01T00:00:00Z");
                }
                yield value;
            }
            case URL -> {
                if (!value.isTextual() || !isHttpUrl(value.asText())) {
                    throw wrong(name, value, "a valid http or https URL, e.g. https://example.com");
                }
                yield value;
            }
            case VALUE_SELECT -> {
                if (!value.isTextual() || !field.selectableValues().contains(value.asText())) {
                    throw wrong(name, value, "one of the option values " + field.selectableValues() + labelHint(field, value));
                }
                yield value;
            }
            case MULTI_VALUE_SELECT -> {
                if (!value.isArray()) {
                    throw wrong(name, value, "an array of option values from " + field.selectableValues());
                }
                Set<String> chosen = new LinkedHashSet<>();
                for (JsonNode item : value) {
                    if (!item.isTextual() || !field.selectableValues().contains(item.asText())) {
                        throw wrong(name, item, "each item one of the option values " + field.selectableValues()
                                + labelHint(field, item));
                    }
                    chosen.add(item.asText());
                }
                ArrayNode stored = JsonNodeFactory.instance.arrayNode();
                chosen.forEach(stored::add);
                yield stored;
            }
        };
    }

    /** When a client sent an option's label: say that Ashby takes the value. */
    private static String labelHint(AshbyCustomField field, JsonNode sent) {
        return field.options().stream().filter(o -> o.label().equals(sent.asText()) && !o.value().equals(o.label()))
                .findFirst().map(o -> "; '" + o.label() + "' is the label of option value '" + o.value()
                        + "': setValue takes the value").orElse("");
    }

    private static AshbyApiException wrong(String name, JsonNode value, String expected) {
        String shown = value.toString();
        if (shown.length() > 80) {
            shown = shown.substring(0, 80) + "...";
        }
        return AshbyApiException.invalidInput(name + ": " + shown + " (expected: " + expected + ")");
    }

    private static boolean isIsoDate(String text) {
        try {
            LocalDate.parse(text);
            return true;
        } catch (DateTimeParseException notADate) {
            try {
                OffsetDateTime.parse(text);
                return true;
            } catch (DateTimeParseException notADateTime) {
                return false;
            }
        }
    }

    private static boolean isHttpUrl(String text) {
        try {
            URI uri = new URI(text);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }
}
