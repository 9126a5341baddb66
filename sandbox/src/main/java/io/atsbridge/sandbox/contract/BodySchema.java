package io.atsbridge.sandbox.contract;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * A compiled schema a body must satisfy, and where it comes from (a documented example file, or a JSON pointer
 * into the vendor's OpenAPI document), which every problem it finds names.
 */
interface BodySchema {

    /** Where the schema comes from, e.g. {@code examples/create_note_response.json}. */
    String origin();

    /** Whether the schema was inferred from an example (true) or published as a schema (OpenAPI). */
    boolean fromExample();

    /** The problems of {@code body}, empty when it satisfies the schema. */
    List<SchemaProblem> validate(JsonNode body);

    /**
     * One problem the schema library found.
     *
     * @param keyword the JSON Schema keyword that failed ({@code additionalProperties}, {@code required}, {@code type}, ...)
     * @param pointer the JSON pointer of the offending value; for a missing or extra field, of that field
     * @param message the library's message
     */
    record SchemaProblem(String keyword, String pointer, String message) {
    }
}
