package io.atsbridge.audit.domain;

import io.atsbridge.platform.error.DomainException;
import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a producer says happened: the content of one audit record, which is exactly what its Merkle
 * leaf commits to (see {@link LeafEncoding}). Holds references and hashes, never personal data.
 *
 * @param recordId      the producer's unique id of the record; makes appends idempotent
 * @param traceId       ties together every record of one path through the loop
 * @param action        what happened, dotted lower-case, e.g. {@code consent.decided}
 * @param actor         the service or person that acted
 * @param subjectRef    the canonical id of the record acted on; empty when none
 * @param connectionId  the connection involved; empty when none
 * @param attributes    further references, sorted by key
 * @param payloadSha256 the SHA-256 of the payload the step acted on; empty when none
 * @param occurTime     when the step happened; null only before {@link #checked} rejects it
 */
public record RecordContent(
        String recordId,
        String traceId,
        String action,
        String actor,
        String subjectRef,
        String connectionId,
        SortedMap<String, String> attributes,
        byte[] payloadSha256,
        @Nullable Instant occurTime) {

    public RecordContent {
        Objects.requireNonNull(recordId, "recordId");
        Objects.requireNonNull(traceId, "traceId");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(subjectRef, "subjectRef");
        Objects.requireNonNull(connectionId, "connectionId");
        attributes = Collections.unmodifiableSortedMap(new TreeMap<>(attributes));
        payloadSha256 = payloadSha256.clone();
    }

    /** Builds content from an unsorted attribute map. */
    public static RecordContent of(String recordId, String traceId, String action, String actor, String subjectRef,
                                   String connectionId, Map<String, String> attributes, byte[] payloadSha256,
                                   @Nullable Instant occurTime) {
        return new RecordContent(recordId, traceId, action, actor, subjectRef, connectionId,
                new TreeMap<>(attributes), payloadSha256, occurTime);
    }

    @Override
    public byte[] payloadSha256() {
        return payloadSha256.clone();
    }

    /**
     * This content, validated, with occur_time cut to the microseconds the log keeps (so the leaf
     * commits to exactly the time that is stored and returned).
     *
     * @param index the record's position in its request, for the error message
     * @throws DomainException INVALID_ARGUMENT naming the first field that is wrong
     */
    RecordContent checked(int index) {
        String at = "records[" + index + "].";
        check(!recordId.isEmpty(), at + "record_id", "RECORD_ID_MISSING",
                "%srecord_id is empty (expected: the producer's unique id of the record, e.g. a UUID)", at);
        check(FieldRules.isId(recordId, FieldRules.MAX_ID_LENGTH), at + "record_id", "RECORD_ID_INVALID",
                "%srecord_id: %s (expected: 1..%s visible ASCII characters without spaces, e.g. a UUID)",
                at, FieldRules.shown(recordId), FieldRules.MAX_ID_LENGTH);
        check(!traceId.isEmpty(), at + "trace_id", "TRACE_ID_MISSING",
                "%strace_id is empty (expected: the trace id of the path this step belongs to)", at);
        check(FieldRules.isId(traceId, FieldRules.MAX_ID_LENGTH), at + "trace_id", "TRACE_ID_INVALID",
                "%strace_id: %s (expected: 1..%s visible ASCII characters without spaces)",
                at, FieldRules.shown(traceId), FieldRules.MAX_ID_LENGTH);
        check(!action.isEmpty(), at + "action", "ACTION_MISSING",
                "%saction is empty (expected: what happened, dotted lower-case, e.g. consent.decided)", at);
        check(FieldRules.isAction(action), at + "action", "ACTION_INVALID",
                "%saction: %s (expected: at most %s characters of dotted lower-case words, e.g. consent.decided)",
                at, FieldRules.shown(action), FieldRules.MAX_ID_LENGTH);
        check(!actor.isEmpty(), at + "actor", "ACTOR_MISSING",
                "%sactor is empty (expected: the service or user id that acted, e.g. adapter-service)", at);
        check(FieldRules.isId(actor, FieldRules.MAX_ACTOR_LENGTH), at + "actor", "ACTOR_INVALID",
                "%sactor: %s (expected: 1..%s visible ASCII characters without spaces, e.g. adapter-service)",
                at, FieldRules.shown(actor), FieldRules.MAX_ACTOR_LENGTH);
        check(subjectRef.isEmpty() || FieldRules.isId(subjectRef, FieldRules.MAX_ID_LENGTH), at + "subject_ref",
                "SUBJECT_REF_INVALID",
                "%ssubject_ref: %s (expected: empty, or a canonical id of 1..%s visible ASCII characters without spaces)",
                at, FieldRules.shown(subjectRef), FieldRules.MAX_ID_LENGTH);
        check(connectionId.isEmpty() || FieldRules.isId(connectionId, FieldRules.MAX_ID_LENGTH), at + "connection_id",
                "CONNECTION_ID_INVALID",
                "%sconnection_id: %s (expected: empty, or 1..%s visible ASCII characters without spaces)",
                at, FieldRules.shown(connectionId), FieldRules.MAX_ID_LENGTH);
        check(attributes.size() <= FieldRules.MAX_ATTRIBUTES, at + "attributes", "ATTRIBUTES_TOO_MANY",
                "%sattributes has %s entries (expected: at most %s; keep references, not data)",
                at, attributes.size(), FieldRules.MAX_ATTRIBUTES);
        for (Map.Entry<String, String> attribute : attributes.entrySet()) {
            check(FieldRules.isAttributeKey(attribute.getKey()), at + "attributes", "ATTRIBUTE_KEY_INVALID",
                    "%sattributes key %s (expected: 1..64 ASCII letters, digits, '_', '.', ':' or '-', starting with a letter)",
                    at, FieldRules.shown(attribute.getKey()));
            check(FieldRules.isAttributeValue(attribute.getValue()), at + "attributes", "ATTRIBUTE_VALUE_INVALID",
                    "%sattributes[%s]: %s (expected: at most %s characters without control characters)",
                    at, attribute.getKey(), FieldRules.shown(attribute.getValue()), FieldRules.MAX_ATTRIBUTE_VALUE_LENGTH);
        }
        check(payloadSha256.length == 0 || payloadSha256.length == MerkleHash.LENGTH, at + "payload_sha256",
                "PAYLOAD_SHA256_INVALID", "%spayload_sha256 has %s bytes (expected: empty, or the 32-byte SHA-256 digest)",
                at, payloadSha256.length);
        check(occurTime != null, at + "occur_time", "OCCUR_TIME_MISSING",
                "%soccur_time is unset (expected: when the step happened)", at);
        // Not null: the check above rejected that.
        Instant time = Objects.requireNonNull(occurTime).truncatedTo(ChronoUnit.MICROS);
        check(time.isAfter(FieldRules.EARLIEST_TIME) && !time.isAfter(FieldRules.LATEST_TIME), at + "occur_time",
                "OCCUR_TIME_INVALID", "%soccur_time: %s (expected: after %s and at most %s)",
                at, occurTime, FieldRules.EARLIEST_TIME, FieldRules.LATEST_TIME);
        return new RecordContent(recordId, traceId, action, actor, subjectRef, connectionId, attributes,
                payloadSha256, time);
    }

    private static void check(boolean condition, String field, String reason, String format, Object... args) {
        if (!condition) {
            throw DomainException.invalidArgument(reason, format, args).with("field", field);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RecordContent that
                && recordId.equals(that.recordId)
                && traceId.equals(that.traceId)
                && action.equals(that.action)
                && actor.equals(that.actor)
                && subjectRef.equals(that.subjectRef)
                && connectionId.equals(that.connectionId)
                && attributes.equals(that.attributes)
                && Arrays.equals(payloadSha256, that.payloadSha256)
                && Objects.equals(occurTime, that.occurTime);
    }

    @Override
    public int hashCode() {
        return Objects.hash(recordId, traceId, action, actor, subjectRef, connectionId, attributes,
                Arrays.hashCode(payloadSha256), occurTime);
    }

    @Override
    public String toString() {
        // Ids and references only; this is what the record is, not what it says about anyone.
        return "RecordContent[recordId=" + recordId + ", traceId=" + traceId + ", action=" + action + "]";
    }
}
