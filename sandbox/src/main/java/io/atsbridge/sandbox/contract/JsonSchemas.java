package io.atsbridge.sandbox.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.path.PathType;

import java.util.ArrayList;
import java.util.List;

/**
 * The one place that speaks to the JSON Schema library (networknt json-schema-validator): compiles the schemas
 * inferred from documented examples (draft 2020-12) and the schemas inside a vendor's OpenAPI 3.1 document
 * ({@code $ref}s resolved within the document, OpenAPI 3.1 dialect), and turns the library's errors into
 * {@link BodySchema.SchemaProblem problems} with JSON pointers.
 */
final class JsonSchemas {

    private static final SchemaRegistryConfig CONFIG = SchemaRegistryConfig.builder()
            .pathType(PathType.JSON_POINTER)
            // A vendor that documents "format": "uuid" or "date-time" is held to it.
            .formatAssertionsEnabled(true)
            .build();

    private static final SchemaRegistry EXAMPLES = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaRegistryConfig(CONFIG));

    private static final SchemaRegistry OPEN_API = SchemaRegistry.withDialect(Dialects.getOpenApi31(),
            builder -> builder.schemaRegistryConfig(CONFIG));

    private JsonSchemas() {
    }

    /** The schema inferred from a documented example; {@code origin} names the example file. */
    static BodySchema example(ObjectNode schema, String origin) {
        Schema compiled = EXAMPLES.getSchema(schema);
        compiled.initializeValidators();
        return new Compiled(compiled, origin, true);
    }

    /**
     * A vendor's OpenAPI document, which the library reads from the class path ({@code classpathResource}, e.g.
     * {@code contracts/ashby/openapi.json}) to resolve its {@code $ref}s.
     */
    static OpenApiDocument openApi(String classpathResource) {
        return new OpenApiDocument(classpathResource);
    }

    /** The schemas of one OpenAPI document, addressed by JSON pointer. */
    record OpenApiDocument(String classpathResource) {

        BodySchema schema(String pointer) {
            Schema compiled = OPEN_API.getSchema(SchemaLocation.of("classpath:" + classpathResource + "#" + pointer));
            compiled.initializeValidators();
            return new Compiled(compiled, classpathResource + " #" + pointer, false);
        }
    }

    private record Compiled(Schema schema, String origin, boolean fromExample) implements BodySchema {

        @Override
        public List<SchemaProblem> validate(JsonNode body) {
            List<SchemaProblem> problems = new ArrayList<>();
            for (Error error : schema.validate(body)) {
                String at = error.getInstanceLocation() == null ? "" : error.getInstanceLocation().toString();
                String pointer = error.getProperty() != null && ("required".equals(error.getKeyword())
                        || "additionalProperties".equals(error.getKeyword())
                        || "unevaluatedProperties".equals(error.getKeyword()))
                        ? at + "/" + ContractChecker.escape(error.getProperty())
                        : at;
                String message = error.getMessage();
                if (message.startsWith(at + ": ")) {
                    message = message.substring(at.length() + 2);
                }
                problems.add(new SchemaProblem(error.getKeyword(), pointer, message));
            }
            return problems;
        }
    }
}
