package io.atsbridge.connectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.core.annotation.Nullable;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reading and writing vendor JSON with one shared, immutable Jackson mapper, and the tree lookups the connectors share. */
public final class VendorJson {

    /** Immutable once built, so sharing it holds no state between calls. */
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private VendorJson() {
    }

    public static JsonNode read(byte[] body, String what) {
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw new MalformedPayloadException(what + " is empty (expected: a JSON document)");
            }
            return node;
        } catch (IOException e) {
            throw new MalformedPayloadException(what + " is not valid JSON: " + firstLine(e.getMessage()));
        }
    }

    public static Optional<JsonNode> tryRead(byte[] body) {
        try {
            return Optional.ofNullable(MAPPER.readTree(body));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    public static byte[] write(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON tree", e);
        }
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    /** An id as decimal text whether the vendor sent a number or a string; empty when absent. */
    public static String id(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return "";
        }
        if (node.isIntegralNumber()) {
            return node.bigIntegerValue().toString();
        }
        return node.isValueNode() ? node.asText().trim() : "";
    }

    /** A text value, or empty when absent or null. */
    public static String text(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() || !node.isValueNode() ? "" : node.asText();
    }

    @Nullable
    public static String textOrNull(JsonNode node) {
        String text = text(node);
        return text.isEmpty() ? null : text;
    }

    public static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        for (JsonNode item : array) {
            String value = text(item);
            if (!value.isEmpty()) {
                values.add(value);
            }
        }
        return values;
    }

    /**
     * A timestamp as vendors send them: ISO-8601 text (with an offset or Z) or epoch milliseconds (Lever);
     * null when absent or unreadable.
     */
    @Nullable
    public static java.time.Instant instant(JsonNode node) {
        if (node.isIntegralNumber()) {
            return java.time.Instant.ofEpochMilli(node.asLong());
        }
        String text = node.isTextual() ? node.asText().trim() : "";
        if (text.isEmpty()) {
            return null;
        }
        if (text.chars().allMatch(Character::isDigit) && text.length() <= 15) {
            return java.time.Instant.ofEpochMilli(Long.parseLong(text));
        }
        try {
            return java.time.OffsetDateTime.parse(text).toInstant();
        } catch (java.time.format.DateTimeParseException notOffset) {
            try {
                return java.time.Instant.parse(text);
            } catch (java.time.format.DateTimeParseException unreadable) {
                return null;
            }
        }
    }

    private static String firstLine(@Nullable String message) {
        if (message == null) {
            return "unreadable";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}
