package io.atsbridge.audit.domain;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * The canonical bytes of a record's content: the data of its Merkle leaf. Anyone holding the
 * records can recompute the leaves, and from them the tree head, with nothing but this description:
 *
 * <pre>
 *   u8   1                      format version
 *   str  record_id
 *   str  trace_id
 *   str  action
 *   str  actor
 *   str  subject_ref            empty string when none
 *   str  connection_id          empty string when none
 *   u32  number of attributes, then for each, in ascending key order: str key, str value
 *   bin  payload_sha256         zero or 32 bytes
 *   i64  occur_time             microseconds since 1970-01-01T00:00:00Z
 *
 *   str = u32 byte length, then the UTF-8 bytes;  bin = u32 byte length, then the bytes;
 *   all integers big-endian.
 * </pre>
 *
 * <p>Every field is length-prefixed, so no two different records share an encoding (trace "ab" with
 * actor "c" is not trace "a" with actor "bc"). Attribute keys are ASCII, so ascending key order is
 * the same whether keys are compared as Java strings or as bytes. The format must never change
 * for records already in a log; a new format gets a new version byte.
 */
public final class LeafEncoding {

    /** The version byte of the format above. */
    public static final int VERSION = 1;

    private LeafEncoding() {
    }

    /** The canonical bytes of the content; occur_time must be set. */
    public static byte[] encode(RecordContent content) {
        if (content.occurTime() == null) {
            throw new IllegalArgumentException("occurTime is unset; validate content before encoding it");
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            writeString(out, content.recordId());
            writeString(out, content.traceId());
            writeString(out, content.action());
            writeString(out, content.actor());
            writeString(out, content.subjectRef());
            writeString(out, content.connectionId());
            out.writeInt(content.attributes().size());
            for (Map.Entry<String, String> attribute : content.attributes().entrySet()) {
                writeString(out, attribute.getKey());
                writeString(out, attribute.getValue());
            }
            writeBytes(out, content.payloadSha256());
            out.writeLong(epochMicros(content.occurTime()));
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    /** The record's leaf hash: SHA-256(0x00 || canonical bytes). */
    public static byte[] leafHash(RecordContent content) {
        return MerkleHash.leaf(encode(content));
    }

    private static void writeString(DataOutputStream out, String value) throws IOException {
        writeBytes(out, value.getBytes(StandardCharsets.UTF_8));
    }

    private static void writeBytes(DataOutputStream out, byte[] value) throws IOException {
        out.writeInt(value.length);
        out.write(value);
    }

    private static long epochMicros(Instant time) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, time);
    }
}
