package io.atsbridge.sandbox.signing;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.core.annotation.Nullable;

import java.nio.charset.StandardCharsets;

/**
 * Compact JSON written the way a Rails application writes it: {@code <}, {@code >}, {@code &}, control
 * characters and every non-ASCII character escaped as a lowercase six-character escape (backslash, u, four
 * hex digits; so {@code <p>} travels as backslash-u003cp backslash-u003e). Greenhouse signs exactly these bytes, so a receiver that re-serialises the JSON
 * before checking the signature fails; the simulator's bytes make that mistake visible in tests.
 */
public final class RubyJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

    static {
        MAPPER.getFactory().setCharacterEscapes(new RubyEscapes());
    }

    private RubyJson() {
    }

    /** The escaped JSON text of {@code node}; pure ASCII. */
    public static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            // A tree of plain nodes always serialises; anything else is a programming error here.
            throw new IllegalStateException("cannot serialise JSON tree", e);
        }
    }

    /** The escaped JSON bytes of {@code node} (ASCII, hence also UTF-8). */
    public static byte[] bytes(JsonNode node) {
        return write(node).getBytes(StandardCharsets.US_ASCII);
    }

    /** Jackson escapes that reproduce Ruby's: HTML-significant ASCII, controls, and all non-ASCII. */
    private static final class RubyEscapes extends CharacterEscapes {

        private static final long serialVersionUID = 1L;

        private final int[] asciiEscapes;

        RubyEscapes() {
            int[] escapes = CharacterEscapes.standardAsciiEscapesForJSON();
            escapes['<'] = CharacterEscapes.ESCAPE_CUSTOM;
            escapes['>'] = CharacterEscapes.ESCAPE_CUSTOM;
            escapes['&'] = CharacterEscapes.ESCAPE_CUSTOM;
            for (int c = 0; c < 0x20; c++) {
                // Jackson writes the short forms (\n, \t, ...) like Ruby; the rest need lowercase hex.
                if (escapes[c] == CharacterEscapes.ESCAPE_STANDARD) {
                    escapes[c] = CharacterEscapes.ESCAPE_CUSTOM;
                }
            }
            this.asciiEscapes = escapes;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return asciiEscapes;
        }

        @Override
        @Nullable
        public SerializableString getEscapeSequence(int ch) {
            if (ch < 0x80 && asciiEscapes[ch] != CharacterEscapes.ESCAPE_CUSTOM) {
                return null;
            }
            return new SerializedString(String.format("\\u%04x", ch));
        }
    }
}
