package io.atsbridge.sandbox.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a vendor's documented example body into a JSON Schema (draft 2020-12) that the schema library then
 * validates against. What the example shows is what the vendor documents:
 *
 * <ul>
 *   <li>an object allows exactly the example's fields ({@code additionalProperties: false}), each with the type
 *       of its example value; in a {@link Direction#RESPONSE response} every one of them is required (a
 *       connector may rely on any documented field), in a {@link Direction#REQUEST request} any may be left out;</li>
 *   <li>an array's items are the union of the example's elements (a field is required in a response item when
 *       every example element has it); an empty example array allows any items;</li>
 *   <li>{@code null} in the example allows any value, since the example does not say what it is when set;</li>
 *   <li>every number is {@code number}, so an integer and a decimal value are interchangeable.</li>
 * </ul>
 *
 * Where the example is narrower or wider than the vendor's parameter tables, a contract states {@link
 * SchemaOverride overrides}, each with the reason.
 */
final class ExampleSchema {

    /** Which side of the exchange a body is. */
    enum Direction { REQUEST, RESPONSE }

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private ExampleSchema() {
    }

    /** The schema the example documents, overrides applied in order. */
    static ObjectNode of(JsonNode example, Direction direction, List<SchemaOverride> overrides) {
        ObjectNode schema = infer(example, direction == Direction.RESPONSE);
        for (SchemaOverride override : overrides) {
            override.applyTo(schema);
        }
        return schema;
    }

    static ObjectNode infer(JsonNode example, boolean requireAll) {
        ObjectNode schema = JSON.objectNode();
        switch (example.getNodeType()) {
            case OBJECT -> {
                schema.put("type", "object");
                ObjectNode properties = schema.putObject("properties");
                ArrayNode required = JSON.arrayNode();
                for (Iterator<Map.Entry<String, JsonNode>> it = example.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = it.next();
                    properties.set(field.getKey(), infer(field.getValue(), requireAll));
                    required.add(field.getKey());
                }
                if (requireAll && !required.isEmpty()) {
                    schema.set("required", required);
                }
                schema.put("additionalProperties", false);
            }
            case ARRAY -> {
                schema.put("type", "array");
                if (!example.isEmpty()) {
                    List<ObjectNode> items = new ArrayList<>();
                    example.forEach(element -> items.add(infer(element, requireAll)));
                    schema.set("items", union(items, requireAll));
                }
            }
            case STRING -> schema.put("type", "string");
            case NUMBER -> schema.put("type", "number");
            case BOOLEAN -> schema.put("type", "boolean");
            // null (and anything else): the example does not show the type, so any value is allowed.
            default -> {
            }
        }
        return schema;
    }

    /** One schema that every value of the given schemas satisfies (their union), as narrow as the examples allow. */
    static ObjectNode union(List<ObjectNode> schemas, boolean requireAll) {
        if (schemas.isEmpty()) {
            return JSON.objectNode();
        }
        Set<String> types = new LinkedHashSet<>();
        for (ObjectNode schema : schemas) {
            Set<String> own = types(schema);
            if (own.isEmpty()) {
                return JSON.objectNode();
            }
            types.addAll(own);
        }
        ObjectNode union = JSON.objectNode();
        setTypes(union, types);
        if (types.contains("object")) {
            Map<String, List<ObjectNode>> byField = new LinkedHashMap<>();
            Set<String> required = null;
            for (ObjectNode schema : schemas) {
                if (!types(schema).contains("object")) {
                    continue;
                }
                JsonNode properties = schema.path("properties");
                Set<String> own = new LinkedHashSet<>();
                properties.fieldNames().forEachRemaining(own::add);
                for (String field : own) {
                    byField.computeIfAbsent(field, f -> new ArrayList<>()).add((ObjectNode) properties.get(field));
                }
                if (required == null) {
                    required = new LinkedHashSet<>(own);
                } else {
                    required.retainAll(own);
                }
            }
            ObjectNode properties = union.putObject("properties");
            byField.forEach((field, fieldSchemas) -> properties.set(field, union(fieldSchemas, requireAll)));
            if (requireAll && required != null && !required.isEmpty()) {
                ArrayNode list = union.putArray("required");
                required.forEach(list::add);
            }
            union.put("additionalProperties", false);
        }
        if (types.contains("array")) {
            List<ObjectNode> items = new ArrayList<>();
            boolean anyItems = false;
            for (ObjectNode schema : schemas) {
                if (types(schema).contains("array")) {
                    if (schema.has("items")) {
                        items.add((ObjectNode) schema.get("items"));
                    } else {
                        anyItems = true;
                    }
                }
            }
            // An empty example array shows nothing about its items, so it takes away no freedom.
            if (!anyItems && !items.isEmpty()) {
                union.set("items", union(items, requireAll));
            }
        }
        return union;
    }

    /** The JSON types a schema allows; empty when it allows anything. */
    static Set<String> types(JsonNode schema) {
        Set<String> types = new LinkedHashSet<>();
        JsonNode type = schema.path("type");
        if (type.isTextual()) {
            types.add(type.asText());
        } else if (type.isArray()) {
            type.forEach(t -> types.add(t.asText()));
        }
        return types;
    }

    static void setTypes(ObjectNode schema, Set<String> types) {
        if (types.size() == 1) {
            schema.put("type", types.iterator().next());
        } else {
            ArrayNode list = schema.putArray("type");
            types.forEach(list::add);
        }
    }
}
