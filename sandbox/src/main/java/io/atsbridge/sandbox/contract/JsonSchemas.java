package io.atsbridge.sandbox.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.NonValidationKeyword;
import com.networknt.schema.path.PathType;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

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

    // The OpenAPI 3.1 dialect, told that an OpenAPI document's own top-level fields are not schema keywords: the
    // library reads the whole document to resolve pointers into it, and would otherwise warn about each field.
    private static final Dialect OPEN_API_DOCUMENT = Dialect.builder(Dialects.getOpenApi31())
            .keywords(Stream.of("openapi", "info", "servers", "paths", "webhooks", "components", "tags", "security",
                            "externalDocs", "jsonSchemaDialect", "x-atsbridge-excerpt")
                    .map(NonValidationKeyword::new).toList())
            .build();

    private static final SchemaRegistry OPEN_API = SchemaRegistry.withDialect(OPEN_API_DOCUMENT,
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
            Map<Error, String> notes = new LinkedHashMap<>();
            for (Error error : relevant(schema.validate(body), notes)) {
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
                problems.add(new SchemaProblem(error.getKeyword(), pointer, message + notes.getOrDefault(error, "")));
            }
            return problems;
        }
    }

    /**
     * The errors that say what is wrong. The library reports, for a body that fits none of a {@code oneOf}'s or
     * {@code anyOf}'s alternatives, every alternative's errors; only the alternative the body came closest to (the
     * fewest errors at the alternatives' own level, e.g. Ashby's success response rather than its error response)
     * is kept, or only the {@code oneOf} itself, noted with each alternative's objection, when every alternative
     * fails right there (a wrong type, a missing field). A body that
     * fits several of a {@code oneOf}'s alternatives passes: vendors' OpenAPI documents use {@code oneOf} where
     * they mean {@code anyOf} (Ashby's custom field value lists String, LongText and ValueSelect, all plain strings).
     */
    static List<Error> relevant(List<Error> errors, Map<Error, String> notes) {
        List<Error> kept = new ArrayList<>(errors);
        // Errors that no longer count: those of a oneOf the value fits several alternatives of, and so on outwards.
        Set<Error> forgiven = new HashSet<>();
        List<Error> alternatives = errors.stream()
                .filter(e -> "oneOf".equals(e.getKeyword()) || "anyOf".equals(e.getKeyword()))
                .sorted(Comparator.comparingInt((Error e) -> path(e).length()).reversed())
                .toList();
        for (Error alternative : alternatives) {
            if (forgiven.contains(alternative)) {
                continue;
            }
            Map<String, List<Error>> reported = byBranch(errors, alternative);
            Object[] arguments = alternative.getArguments();
            // The library's first argument of a oneOf error is how many alternatives the value fits.
            boolean severalValid = "oneOf".equals(alternative.getKeyword()) && arguments != null && arguments.length > 0
                    && String.valueOf(arguments[0]).matches("[1-9]\\d*");
            boolean fitsOne = reported.values().stream().anyMatch(forgiven::containsAll);
            if (severalValid || fitsOne) {
                forgiven.add(alternative);
                reported.values().forEach(forgiven::addAll);
                kept.remove(alternative);
                reported.values().forEach(kept::removeAll);
                continue;
            }
            Map<String, List<Error>> remaining = byBranch(kept, alternative);
            remaining.values().forEach(kept::removeAll);
            String level = location(alternative);
            List<Error> best = remaining.values().stream()
                    .min(Comparator.comparingLong((List<Error> branch) -> branch.stream().filter(e -> location(e).equals(level)).count())
                            .thenComparingInt(List::size))
                    .orElse(List.of());
            if (!best.isEmpty() && best.stream().anyMatch(e -> !location(e).equals(level))) {
                kept.remove(alternative);
                kept.addAll(best);
            } else {
                StringBuilder note = new StringBuilder(" (");
                remaining.forEach((branch, branchErrors) -> note.append(note.length() > 2 ? "; " : "")
                        .append("alternative ").append(branch).append(": ").append(branchErrors.get(0).getMessage()));
                notes.put(alternative, note.append(')').toString());
            }
        }
        return kept;
    }

    /**
     * The errors inside {@code alternative} (below its evaluation path, at or below its instance location: several
     * array items share one evaluation path), by the alternative's branch index.
     */
    private static Map<String, List<Error>> byBranch(List<Error> errors, Error alternative) {
        String prefix = path(alternative) + "/";
        String level = location(alternative);
        Map<String, List<Error>> byBranch = new LinkedHashMap<>();
        for (Error e : errors) {
            String at = path(e);
            String where = location(e);
            if (at.startsWith(prefix) && (level.isEmpty() || where.equals(level) || where.startsWith(level + "/"))) {
                String rest = at.substring(prefix.length());
                int slash = rest.indexOf('/');
                byBranch.computeIfAbsent(slash < 0 ? rest : rest.substring(0, slash), b -> new ArrayList<>()).add(e);
            }
        }
        return byBranch;
    }

    private static String path(Error error) {
        return error.getEvaluationPath() == null ? "" : error.getEvaluationPath().toString();
    }

    private static String location(Error error) {
        return error.getInstanceLocation() == null ? "" : error.getInstanceLocation().toString();
    }
}
