package io.atsbridge.platform.privacy;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One answered read of personal data, as the audit log keeps it: who, which method, which records, when, and the
 * SHA-256 of the answer. Holds ids and hashes, never the personal data read.
 *
 * @param recordId     the audit record's id
 * @param traceId      the call's trace id, or the record id when the call carried none
 * @param tenantId     the tenant whose log it goes to
 * @param actor        the caller's name (a person's user id, a tool's token name)
 * @param subjectRef   the candidate (or audit subject) the request named; empty when it named none
 * @param connectionId the connection the request named; empty when none
 * @param attributes   the method, the caller's kind and roles, on whose behalf, how many records were answered,
 *                     whether personal fields were shown or withheld, and the ids the request named
 * @param answerSha256 the SHA-256 of the answer as sent
 * @param readTime     when the answer was ready
 */
public record PersonalDataRead(String recordId, String traceId, String tenantId, String actor, String subjectRef,
                               String connectionId, SortedMap<String, String> attributes, byte[] answerSha256,
                               Instant readTime) {

    /** The audit action of every read. */
    public static final String ACTION = "personal_data.read";

    public PersonalDataRead {
        Objects.requireNonNull(recordId, "recordId");
        Objects.requireNonNull(traceId, "traceId");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(subjectRef, "subjectRef");
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(readTime, "readTime");
        attributes = new TreeMap<>(attributes);
        answerSha256 = answerSha256.clone();
    }

    /** Builds one from an unsorted attribute map. */
    static PersonalDataRead of(String recordId, @Nullable String traceId, String tenantId, String actor, String subjectRef,
                               String connectionId, Map<String, String> attributes, byte[] answerSha256, Instant readTime) {
        return new PersonalDataRead(recordId, traceId == null || traceId.isBlank() ? recordId : traceId, tenantId, actor,
                subjectRef, connectionId, new TreeMap<>(attributes), answerSha256, readTime);
    }

    @Override
    public byte[] answerSha256() {
        return answerSha256.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PersonalDataRead that && recordId.equals(that.recordId);
    }

    @Override
    public int hashCode() {
        return recordId.hashCode();
    }

    @Override
    public String toString() {
        return "PersonalDataRead[" + recordId + " " + attributes.get("method") + " by " + actor + "]";
    }
}
