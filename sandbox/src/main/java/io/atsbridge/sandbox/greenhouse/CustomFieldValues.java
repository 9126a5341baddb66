package io.atsbridge.sandbox.greenhouse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.micronaut.core.annotation.Nullable;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Typed custom field values: what Harvest accepts in a {@code custom_fields[]} element's {@code value} for
 * each value type, how it is stored, and how it is rendered back in {@code custom_fields} and
 * {@code keyed_custom_fields}.
 *
 * <p>Stored forms: text and url as {@link String}, number as {@link BigDecimal}, single_select as the
 * option id ({@link Long}), multi_select as a list of option ids, yes_no as {@link Boolean}, date as
 * {@link LocalDate}.
 */
final class CustomFieldValues {

    /** Harvest's short_text limit. */
    static final int SHORT_TEXT_MAX = 255;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private CustomFieldValues() {
    }

    /** A value that the field's type does not accept; the message says what was wrong and what is expected. */
    static final class InvalidValue extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidValue(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * The stored form of {@code value} for {@code field}.
     *
     * @throws InvalidValue when the type does not accept it
     */
    static Object parse(CustomFieldDefinition field, @Nullable JsonNode value) throws InvalidValue {
        if (value == null || value.isNull() || value.isMissingNode()) {
            throw new InvalidValue("value is required; to clear the field send \"delete_value\": \"true\"");
        }
        return switch (field.type()) {
            case SHORT_TEXT -> {
                String text = text(value);
                if (text.length() > SHORT_TEXT_MAX) {
                    throw new InvalidValue("is too long for a short_text field (" + text.length()
                            + " characters; at most " + SHORT_TEXT_MAX + ")");
                }
                yield text;
            }
            case LONG_TEXT -> text(value);
            case NUMBER -> number(value);
            case SINGLE_SELECT -> option(field, value);
            case MULTI_SELECT -> {
                if (!value.isArray() || value.isEmpty()) {
                    throw new InvalidValue("must be a non-empty array of option ids for a multi_select field, got " + value);
                }
                List<Long> ids = new ArrayList<>();
                for (JsonNode element : value) {
                    Long id = integral(element);
                    if (id == null || field.option(id).isEmpty()) {
                        throw new InvalidValue("option " + element + " is not an option id of this field; options: " + optionList(field));
                    }
                    ids.add(id);
                }
                yield List.copyOf(ids);
            }
            case URL -> url(value);
            case YES_NO -> {
                if (value.isBoolean()) {
                    yield value.booleanValue();
                }
                if (value.isTextual() && (value.asText().equals("true") || value.asText().equals("false"))) {
                    yield Boolean.valueOf(value.asText());
                }
                throw new InvalidValue("must be true or false for a yes_no field, got " + value);
            }
            case DATE -> {
                if (!value.isTextual()) {
                    throw new InvalidValue("must be a date string YYYY-MM-DD, got " + value);
                }
                try {
                    yield LocalDate.parse(value.asText());
                } catch (DateTimeParseException e) {
                    throw new InvalidValue("must be a date YYYY-MM-DD, got \"" + value.asText() + "\"");
                }
            }
        };
    }

    /** Converts a Java value (String, Number, Boolean, LocalDate, List of option ids) and parses it as {@link #parse} does. */
    static Object parseJava(CustomFieldDefinition field, Object value) throws InvalidValue {
        JsonNode node = value instanceof LocalDate date ? TextNode.valueOf(date.toString()) : MAPPER.valueToTree(value);
        return parse(field, node);
    }

    /** The rendered value (null when unset). */
    static JsonNode render(CustomFieldDefinition field, @Nullable Object stored) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (stored == null) {
            return NullNode.getInstance();
        }
        return switch (field.type()) {
            case SHORT_TEXT, LONG_TEXT, URL -> f.textNode((String) stored);
            case NUMBER -> f.numberNode((BigDecimal) stored);
            case SINGLE_SELECT -> f.textNode(optionName(field, (Long) stored));
            case MULTI_SELECT -> {
                ArrayNode names = f.arrayNode();
                for (Object id : (List<?>) stored) {
                    names.add(optionName(field, (Long) id));
                }
                yield names;
            }
            case YES_NO -> f.booleanNode((Boolean) stored);
            case DATE -> f.textNode(stored.toString());
        };
    }

    /** The Java form of a stored value for the simulator's accessors: option names instead of ids. */
    @Nullable
    static Object javaValue(CustomFieldDefinition field, @Nullable Object stored) {
        if (stored == null) {
            return null;
        }
        return switch (field.type()) {
            case SINGLE_SELECT -> optionName(field, (Long) stored);
            case MULTI_SELECT -> ((List<?>) stored).stream().map(id -> optionName(field, (Long) id)).toList();
            default -> stored;
        };
    }

    private static String text(JsonNode value) throws InvalidValue {
        if (!value.isTextual() && !value.isNumber()) {
            throw new InvalidValue("must be a string, got " + value);
        }
        String text = value.asText();
        if (text.isBlank()) {
            throw new InvalidValue("must not be blank; to clear the field send \"delete_value\": \"true\"");
        }
        return text;
    }

    private static BigDecimal number(JsonNode value) throws InvalidValue {
        if (value.isNumber()) {
            return value.decimalValue();
        }
        if (value.isTextual()) {
            try {
                return new BigDecimal(value.asText().trim());
            } catch (NumberFormatException e) {
                throw new InvalidValue("must be a number for a number field, got \"" + value.asText() + "\"");
            }
        }
        throw new InvalidValue("must be a number for a number field, got " + value);
    }

    private static Long option(CustomFieldDefinition field, JsonNode value) throws InvalidValue {
        Long id = integral(value);
        if (id != null && field.option(id).isPresent()) {
            return id;
        }
        if (value.isTextual()) {
            var named = field.optionNamed(value.asText());
            if (named.isPresent()) {
                return named.get().id();
            }
        }
        throw new InvalidValue(value + " is neither an option id nor the exact name of an option; options: " + optionList(field));
    }

    private static String url(JsonNode value) throws InvalidValue {
        if (!value.isTextual()) {
            throw new InvalidValue("must be a URL string, got " + value);
        }
        String text = value.asText().trim();
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme();
            if (scheme != null && (scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                    && uri.getHost() != null && !uri.getHost().isBlank()) {
                return text;
            }
        } catch (URISyntaxException e) {
            // Reported below with the expected form.
        }
        throw new InvalidValue("must be an absolute http(s) URL, got \"" + text + "\"");
    }

    @Nullable
    private static Long integral(JsonNode value) {
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return value.longValue();
        }
        if (value.isTextual() && value.asText().matches("\\d{1,18}")) {
            return Long.parseLong(value.asText());
        }
        return null;
    }

    private static String optionName(CustomFieldDefinition field, long optionId) {
        return field.option(optionId).map(CustomFieldOption::name).orElse(String.valueOf(optionId));
    }

    private static String optionList(CustomFieldDefinition field) {
        return field.options().stream().map(o -> o.id() + " \"" + o.name() + "\"").collect(Collectors.joining(", "));
    }
}
