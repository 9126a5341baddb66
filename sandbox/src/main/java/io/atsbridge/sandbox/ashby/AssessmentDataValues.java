package io.atsbridge.sandbox.ashby;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks the AssessmentDataValue objects of {@code assessment.update} (Ashby's OpenAPI, the {@code result} schema
 * the assessment fields refer to): {@code identifier} (unique per partner), {@code label}, optional
 * {@code description}, {@code type} one of numeric_score, numeric_duration_minutes, url, string, boolean_success,
 * and {@code value} a string, number or boolean. A violation is {@code invalid_input} (code assumed).
 */
final class AssessmentDataValues {

    /** The value types Ashby's OpenAPI lists. */
    static final List<String> TYPES = List.of("numeric_score", "numeric_duration_minutes", "url", "string", "boolean_success");
    /** A bound on how many metadata items one update may carry (not documented; a sanity limit). */
    static final int MAX_METADATA = 200;

    private AssessmentDataValues() {
    }

    static void check(String where, JsonNode value) {
        if (!value.isObject()) {
            throw AshbyApiException.invalidInput(where + ": " + value.getNodeType() + " (expected: an AssessmentDataValue "
                    + "object {identifier, label, description?, type, value})");
        }
        for (String field : List.of("identifier", "label", "type")) {
            if (!value.path(field).isTextual() || value.path(field).asText().isBlank()) {
                throw AshbyApiException.invalidInput(where + "." + field + ": missing (expected: a non-empty string)");
            }
        }
        String type = value.get("type").asText();
        if (!TYPES.contains(type)) {
            throw AshbyApiException.invalidInput(where + ".type: '" + type + "' (expected: one of " + TYPES + ")");
        }
        if (value.has("description") && !value.get("description").isNull() && !value.get("description").isTextual()) {
            throw AshbyApiException.invalidInput(where + ".description: " + value.get("description") + " (expected: a string)");
        }
        JsonNode v = value.path("value");
        if (!(v.isTextual() || v.isNumber() || v.isBoolean())) {
            throw AshbyApiException.invalidInput(where + ".value: " + (v.isMissingNode() ? "missing" : v.toString())
                    + " (expected: a string, number or boolean)");
        }
        boolean fits = switch (type) {
            case "numeric_score", "numeric_duration_minutes" -> v.isNumber();
            case "boolean_success" -> v.isBoolean();
            case "url" -> v.isTextual() && (v.asText().startsWith("https://") || v.asText().startsWith("http://"));
            default -> true;
        };
        if (!fits) {
            throw AshbyApiException.invalidInput(where + ".value: " + v + " does not fit type " + type
                    + " (expected: a number for numeric types, true/false for boolean_success, an http(s) URL for url)");
        }
    }

    static void checkMetadata(JsonNode metadata) {
        if (!metadata.isArray()) {
            throw AshbyApiException.invalidInput("metadata: " + metadata.getNodeType()
                    + " (expected: an array of AssessmentDataValue objects)");
        }
        if (metadata.size() > MAX_METADATA) {
            throw AshbyApiException.invalidInput("metadata: " + metadata.size() + " items (expected: at most " + MAX_METADATA + ")");
        }
        Set<String> identifiers = new HashSet<>();
        for (int i = 0; i < metadata.size(); i++) {
            check("metadata[" + i + "]", metadata.get(i));
            String identifier = metadata.get(i).get("identifier").asText();
            if (!identifiers.add(identifier)) {
                throw AshbyApiException.invalidInput("metadata[" + i + "].identifier: '" + identifier
                        + "' repeats an earlier item (expected: unique identifiers)");
            }
        }
    }
}
