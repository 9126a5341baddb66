package io.atsbridge.connectors.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.micronaut.core.annotation.Nullable;

import java.io.IOException;
import java.util.List;

/** Reading webhook bodies as JSON trees, with rejections that say what was wrong. */
public final class JsonBodies {

    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    private JsonBodies() {
    }

    public static JsonNode parse(WebhookRequest request) {
        try {
            JsonNode node = MAPPER.readTree(request.body());
            if (node == null || !node.isObject()) {
                throw new WebhookRejection(400, "BODY_MALFORMED", "webhook body for connection " + request.connectionId()
                        + " is not a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            // Constraint violations (nesting depth, number or string length) carry no location.
            String where = e.getLocation() == null ? "it exceeds the parser's limits (nesting, length)"
                    : "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new WebhookRejection(400, "BODY_MALFORMED", "webhook body for connection " + request.connectionId()
                    + " is not valid JSON (" + where + ")");
        } catch (IOException e) {
            throw new WebhookRejection(400, "BODY_MALFORMED", "webhook body for connection " + request.connectionId()
                    + " could not be read");
        }
    }

    /** The first path that holds a scalar, as text; null when none does. */
    @Nullable
    public static String firstText(JsonNode root, List<String> paths) {
        for (String path : paths) {
            JsonNode node = root.at(path);
            if (!node.isMissingNode() && !node.isNull() && node.isValueNode()) {
                return node.asText();
            }
        }
        return null;
    }

    /**
     * The first ISO-8601 time (with an offset or Z) found at the paths, or null when none is there or it
     * does not read as one; the event is then stored without a vendor time (never refused for it).
     */
    @io.micronaut.core.annotation.Nullable
    public static java.time.Instant firstTime(JsonNode root, List<String> paths) {
        String text = firstText(root, paths);
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return java.time.OffsetDateTime.parse(text.trim()).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }
}
