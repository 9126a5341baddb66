package io.atsbridge.audit.bias.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where the bias tables are kept (implemented by persistence). Every method runs in its own transaction. */
public interface BiasStore {

    Optional<Demographics> demographics(String tenantId, String candidateId);

    /** Stores or replaces a candidate's self-identification; true when it replaced one. */
    boolean putDemographics(String tenantId, String candidateId, Demographics demographics, Instant now);

    /** Deletes a candidate's self-identification and outcomes: whether there was one, and how many outcomes. */
    Erasure erase(String tenantId, String candidateId);

    /**
     * Stores an outcome, or merges it into the stored one of the same tool connection, requisition and candidate: a
     * score given replaces the stored one, advanced and selected only ever turn true, the rest is replaced when given.
     *
     * @return true when it merged into a stored outcome; false when it inserted one (then assessTime is not null)
     */
    boolean putOutcome(String tenantId, Outcome outcome, Instant now);

    /** Whether an outcome of this tool connection, requisition and candidate is stored. */
    boolean hasOutcome(String tenantId, String connectionId, String requisitionId, String candidateId);

    /**
     * The assessments the spec's tool made in its period, each with the candidate's self-identification (unknown
     * when none is stored or the candidate declined). At most {@code limit}.
     */
    List<Assessment> assessments(String tenantId, ReportSpec spec, int limit);

    Optional<StoredUpload> upload(String tenantId, String uploadId);

    void putUpload(String tenantId, AggregateUpload upload, byte[] sha256, Instant now);

    void putReport(String tenantId, BiasReport report, String json, byte[] sha256);

    Optional<String> reportJson(String tenantId, String reportId);

    Optional<RecordedAudit> audit(String tenantId, String auditId);

    void putAudit(String tenantId, RecordedAudit audit);

    /** The audit of the tool connection with the latest audit date (the latest recorded among equal dates). */
    Optional<RecordedAudit> latestAudit(String tenantId, String connectionId);

    /**
     * What an erasure deleted.
     *
     * @param demographics whether a self-identification was deleted
     * @param outcomes     how many outcomes were deleted
     */
    record Erasure(boolean demographics, long outcomes) {
    }

    /**
     * A stored upload.
     *
     * @param upload the upload
     * @param sha256 the SHA-256 of its canonical content
     */
    record StoredUpload(AggregateUpload upload, byte[] sha256) {
    }
}
