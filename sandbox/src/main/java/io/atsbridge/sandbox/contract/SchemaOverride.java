package io.atsbridge.sandbox.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.core.annotation.Nullable;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A correction a contract makes to the schema inferred from a documented example, where the vendor's parameter
 * table says more than the example shows: other types, a field the example leaves out, an object keyed by ids,
 * a field a response may omit. Each carries the reason ({@code why}), which the contract's reader needs to trust it.
 *
 * <p>{@code pointer} addresses the example's structure: {@code /custom_fields/*&#47;value} is the {@code value} of
 * every element of the array {@code custom_fields}; {@code *} is every array element, or every value of a map.
 * The last segment may name a field the example lacks; it is then added as an optional field.
 *
 * @param pointer  where in the example's structure
 * @param types    the JSON types allowed there instead of the example's ({@code any} for every value); null keeps them
 * @param map      the object there is keyed by data (ids, field keys): any key, each value like the example's values
 * @param optional a response may leave the field out
 * @param nullable the field may also be {@code null}
 * @param why      the vendor document that says so
 */
record SchemaOverride(String pointer, @Nullable List<String> types, boolean map, boolean optional, boolean nullable,
                      String why) {

    private static final Set<String> JSON_TYPES = Set.of("object", "array", "string", "number", "integer", "boolean", "null", "any");

    SchemaOverride {
        if (!pointer.startsWith("/")) {
            throw new IllegalArgumentException("pointer: '" + pointer + "' (expected: a JSON pointer starting with /)");
        }
        if (types != null) {
            types = List.copyOf(types);
            for (String type : types) {
                if (!JSON_TYPES.contains(type)) {
                    throw new IllegalArgumentException("type: '" + type + "' at " + pointer + " (expected one of " + JSON_TYPES + ")");
                }
            }
        }
        if (why == null || why.isBlank()) {
            throw new IllegalArgumentException("why: missing at " + pointer + " (say which vendor document the override follows)");
        }
        if (types == null && !map && !optional && !nullable) {
            throw new IllegalArgumentException("override at " + pointer + " changes nothing (expected: type, map, optional or nullable)");
        }
    }

    /** Applies this override to {@code root} in place. */
    void applyTo(ObjectNode root) {
        List<String> segments = segments(pointer);
        ObjectNode parent = root;
        for (int i = 0; i < segments.size() - 1; i++) {
            parent = child(parent, segments.get(i), false, segments.subList(0, i + 1));
        }
        String last = segments.get(segments.size() - 1);
        ObjectNode target = child(parent, last, true, segments);
        if (map) {
            toMap(target);
        }
        if (types != null) {
            if (types.contains("any")) {
                target.removeAll();
            } else {
                ExampleSchema.setTypes(target, new LinkedHashSet<>(types));
            }
        }
        if (nullable) {
            Set<String> current = ExampleSchema.types(target);
            if (!current.isEmpty()) {
                current.add("null");
                ExampleSchema.setTypes(target, current);
            }
        }
        if (optional) {
            JsonNode required = parent.get("required");
            if (!"*".equals(last) && required instanceof ArrayNode list) {
                for (int i = list.size() - 1; i >= 0; i--) {
                    if (list.get(i).asText().equals(last)) {
                        list.remove(i);
                    }
                }
            }
        }
    }

    private ObjectNode child(ObjectNode schema, String segment, boolean mayAdd, List<String> at) {
        if ("*".equals(segment)) {
            JsonNode items = schema.get("items");
            if (items instanceof ObjectNode node) {
                return node;
            }
            JsonNode values = schema.get("additionalProperties");
            if (values instanceof ObjectNode node) {
                return node;
            }
            if (ExampleSchema.types(schema).contains("array")) {
                return schema.putObject("items");
            }
            throw new IllegalStateException(where(at) + " is neither an array nor a map in the example");
        }
        if (!ExampleSchema.types(schema).contains("object") || !(schema.get("properties") instanceof ObjectNode properties)) {
            throw new IllegalStateException(where(at) + ": its parent is not an object in the example");
        }
        JsonNode field = properties.get(segment);
        if (field instanceof ObjectNode node) {
            return node;
        }
        if (!mayAdd) {
            throw new IllegalStateException(where(at) + ": the example has no field '" + segment + "' there");
        }
        return properties.putObject(segment);
    }

    private static void toMap(ObjectNode target) {
        if (!ExampleSchema.types(target).contains("object")) {
            throw new IllegalStateException("map: the example's value there is not an object");
        }
        List<ObjectNode> values = new ArrayList<>();
        target.path("properties").forEach(value -> values.add((ObjectNode) value));
        boolean requireAll = target.has("required");
        target.remove("properties");
        target.remove("required");
        target.set("additionalProperties", ExampleSchema.union(values, requireAll));
    }

    private String where(List<String> at) {
        return "override " + pointer + " (at /" + String.join("/", at) + ")";
    }

    static List<String> segments(String pointer) {
        List<String> segments = new ArrayList<>();
        for (String raw : Arrays.asList(pointer.substring(1).split("/", -1))) {
            segments.add(raw.replace("~1", "/").replace("~0", "~"));
        }
        return segments;
    }
}
