package io.atsbridge.cli.audit;

import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An audit export as read from its file: the signed head, the records with their leaf bytes and proofs, and the
 * record count of its end line (docs/audit.md, "Exports").
 *
 * @param head          the signed head every record's proof leads to
 * @param records       the records, in the order of the file
 * @param declaredCount how many records the end line says the export holds; -1 when the file has no end line
 */
public record AuditExport(Head head, List<Record> records, long declaredCount) {

    public AuditExport {
        Objects.requireNonNull(head, "head");
        records = List.copyOf(records);
    }

    /**
     * The signed tree head of an export.
     *
     * @param headTimeMicros when it was signed, in microseconds since the epoch
     */
    public record Head(String tenantId, long treeSize, byte[] rootHash, long headTimeMicros, String keyId,
                       byte[] signature) {
    }

    /**
     * One exported record.
     *
     * @param line            the record's line in the file (1-based; for CSV counting the header), for findings
     * @param occurTimeMicros occur_time in microseconds since the epoch, as the leaf encodes it
     * @param leafBytes       the canonical bytes the export says the leaf commits to
     * @param auditPath       the inclusion proof to the head, from the leaf's sibling up
     */
    public record Record(long line, long sequence, String recordId, String traceId, String action, String actor,
                         String subjectRef, String connectionId, SortedMap<String, String> attributes,
                         byte[] payloadSha256, long occurTimeMicros, byte[] leafHash, byte[] leafBytes,
                         List<byte[]> auditPath) {

        public Record {
            attributes = new TreeMap<>(attributes);
            auditPath = List.copyOf(auditPath);
        }
    }
}
