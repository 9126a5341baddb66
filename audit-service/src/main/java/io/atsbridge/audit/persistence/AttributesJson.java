package io.atsbridge.audit.persistence;

import io.micronaut.core.type.Argument;
import io.micronaut.serde.ObjectMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The stored form of record attributes: a JSON object with keys in ascending order, so equal
 * attributes are always stored as equal text. The leaf hash does not depend on this form; it
 * encodes the attributes themselves (see {@link LeafEncoding}).
 */
@Singleton
final class AttributesJson {

    private static final Argument<Map<String, String>> MAP = Argument.mapOf(String.class, String.class);

    private final ObjectMapper json;

    AttributesJson(ObjectMapper json) {
        this.json = json;
    }

    String write(SortedMap<String, String> attributes) {
        try {
            return json.writeValueAsString(attributes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write attributes as JSON", e);
        }
    }

    /** The attributes; IllegalStateException when the stored text is not a JSON object of strings. */
    SortedMap<String, String> read(String stored) {
        try {
            Map<String, String> attributes = json.readValue(stored, MAP);
            if (attributes == null || attributes.containsValue(null)) {
                throw new IllegalStateException("stored attributes hold a JSON null (expected: an object of strings)");
            }
            return new TreeMap<>(attributes);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("stored attributes are not a JSON object of strings", e);
        }
    }
}
