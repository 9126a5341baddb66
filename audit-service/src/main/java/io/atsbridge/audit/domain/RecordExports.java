package io.atsbridge.audit.domain;

import io.atsbridge.platform.error.DomainException;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Optional;

/**
 * Exports of a query's records that an outsider can check offline: one signed head, then each matching record the
 * head covers with its canonical leaf bytes and its inclusion proof to that head (docs/audit.md, "Exports").
 */
@Singleton
public final class RecordExports {

    /**
     * Most records per export. The answer of a read of personal data is held until the read is recorded, so an export
     * is held in memory whole (about 1 KB a record); larger ones are split by time range.
     */
    public static final int MAX_RECORDS = 50_000;
    private static final int BATCH = 500;

    private final AuditLog log;
    private final SignedHeads signedHeads;
    private final LogStore store;

    RecordExports(AuditLog log, SignedHeads signedHeads, LogStore store) {
        this.log = log;
        this.signedHeads = signedHeads;
        this.store = store;
    }

    /** Receives an export: the head first, then the records in log order. */
    public interface Sink {

        void head(SignedTreeHead head);

        void record(ExportedRecord record);
    }

    /**
     * A record of an export.
     *
     * @param record    the record as the log holds it
     * @param leafBytes its canonical bytes ({@link LeafEncoding})
     * @param auditPath its RFC 9162 inclusion proof in the tree of the export's head
     */
    public record ExportedRecord(LoggedRecord record, byte[] leafBytes, List<byte[]> auditPath) {

        public ExportedRecord {
            auditPath = List.copyOf(auditPath);
        }
    }

    /**
     * Exports the tenant's records that match the filter and that the current signed head covers.
     *
     * @return how many records were exported
     * @throws DomainException INVALID_ARGUMENT when the filter is malformed; FAILED_PRECONDITION when the log has no
     *                         signed head (empty, or no signing key configured) or more than {@link #MAX_RECORDS} match
     */
    public long export(String tenantId, RecordFilter filter, Sink sink) {
        Optional<RecordFilter> stored = log.storedFilter(filter);
        SignedTreeHead head = signedHeads.current(tenantId).orElseThrow(() -> DomainException.failedPrecondition(
                "HEAD_NOT_SIGNED", "the log of tenant %s has no signed head to prove an export against: it is empty or "
                        + "the service has no signing key (set ATSBRIDGE_AUDIT_SIGNING_PRIVATE_KEY)", tenantId));
        sink.head(head);
        if (stored.isEmpty()) {
            return 0;
        }
        long exported = 0;
        long after = -1;
        while (true) {
            List<LoggedRecord> batch = store.page(tenantId, stored.get(), after, BATCH);
            for (LoggedRecord record : batch) {
                if (record.sequence() >= head.treeSize()) {
                    return exported;
                }
                if (++exported > MAX_RECORDS) {
                    throw DomainException.failedPrecondition("EXPORT_TOO_LARGE",
                            "more than %s records match; export a shorter time range (start_time, end_time) at a time",
                            MAX_RECORDS);
                }
                InclusionProof proof = log.inclusionProof(tenantId, record.sequence(), head.treeSize());
                sink.record(new ExportedRecord(record, LeafEncoding.encode(record.content()), proof.path()));
                after = record.sequence();
            }
            if (batch.size() < BATCH) {
                return exported;
            }
        }
    }
}
