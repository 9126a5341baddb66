package io.atsbridge.audit.domain;

import java.time.Instant;

/**
 * A record as the log holds it.
 *
 * @param content    what the producer said happened
 * @param sequence   the record's 0-based leaf index in the tenant's log
 * @param leafHash   SHA-256(0x00 || {@link LeafEncoding} of the content)
 * @param appendTime when the log took the record
 */
public record LoggedRecord(RecordContent content, long sequence, byte[] leafHash, Instant appendTime) {
}
