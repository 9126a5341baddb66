package io.atsbridge.audit.domain;

/**
 * What an append did with one record.
 *
 * @param recordId  the record's id
 * @param sequence  its index in the log: new, or the one it already had
 * @param duplicate whether it was already in the log and so was not appended again
 */
public record RecordOutcome(String recordId, long sequence, boolean duplicate) {
}
