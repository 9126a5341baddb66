package io.atsbridge.sandbox.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/** The simulators' JSON tree handling: parsing request bodies, plain (non-Ruby) serialisation and JSON answers. */
public final class SandboxJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private static final DateTimeFormatter MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter SECONDS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private SandboxJson() {
    }

    /** A new empty object node. */
    public static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    /** A new empty array node. */
    public static ArrayNode array() {
        return JsonNodeFactory.instance.arrayNode();
    }

    /**
     * Parses a request body; a blank body is an empty object.
     *
     * @throws MalformedJsonException when the body is not one JSON value
     */
    public static JsonNode parse(@Nullable String body) {
        if (body == null || body.isBlank()) {
            return object();
        }
        try {
            return MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new MalformedJsonException("request body is not valid JSON: " + e.getOriginalMessage());
        }
    }

    /** Compact JSON bytes of {@code node}, UTF-8, no extra escaping. */
    public static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise JSON tree", e);
        }
    }

    /**
     * An HTTP answer with {@code node} as its {@code application/json} body: what every simulator's endpoints and
     * gates send (Harvest's Ruby-escaped bodies excepted, see {@code RubyJson}).
     */
    public static MutableHttpResponse<byte[]> answer(HttpStatus status, JsonNode node) {
        return HttpResponse.<byte[]>status(status)
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .body(bytes(node));
    }

    /** An answer with the given status code; see {@link #answer(HttpStatus, JsonNode)}. */
    public static MutableHttpResponse<byte[]> answer(int status, JsonNode node) {
        return answer(HttpStatus.valueOf(status), node);
    }

    /** ISO-8601 UTC with milliseconds, as Harvest renders timestamps ({@code 2017-09-28T12:54:34.257Z}). */
    public static String millis(Instant instant) {
        return MILLIS.format(instant);
    }

    /** ISO-8601 UTC to the second, as Greenhouse webhooks render timestamps ({@code 2013-03-22T00:00:00Z}). */
    public static String seconds(Instant instant) {
        return SECONDS.format(instant);
    }

    /** A request body that is not JSON; answered with 400. */
    public static final class MalformedJsonException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MalformedJsonException(String message) {
            super(message, null, false, false);
        }

        /** The message, never null: the constructor requires one. */
        @Override
        public String getMessage() {
            return Objects.requireNonNull(super.getMessage());
        }
    }
}
