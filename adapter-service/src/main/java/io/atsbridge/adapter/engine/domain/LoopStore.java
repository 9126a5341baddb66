package io.atsbridge.adapter.engine.domain;

import io.micronaut.core.annotation.Nullable;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The loop cases and what was written for them. Every state change is a guarded update that applies one
 * event of {@link LoopTransitions} — from the states the table lets it start from, to the state it names —
 * so two workers can never both take the same step, and each stores its audit records (see
 * {@link AuditOutbox}) in the same transaction. Methods return false when the guard did not hold (the case
 * moved on meanwhile).
 */
public interface LoopStore {

    Optional<LoopCase> find(String caseId);

    Optional<LoopCase> findByTrigger(String atsConnectionId, String applicationExternalId, String triggerStageId);

    /**
     * The newest case of a candidate for a job at an ATS connection, whatever started it and whichever of the
     * candidate's applications it is for: a candidate is screened for a job once unless a re-screen is asked for.
     */
    Optional<LoopCase> findByCandidateJob(String atsConnectionId, String candidateExternalId, String jobExternalId);

    /** The newest case of an application (by the ATS's id) at an ATS connection, whatever started it. */
    Optional<LoopCase> findByApplicationExternalId(String atsConnectionId, String applicationExternalId);

    Optional<LoopCase> findByInterview(String aiConnectionId, String interviewId);

    /** The cases of one canonical application at one ATS connection (one per trigger stage). */
    List<LoopCase> findByApplication(String atsConnectionId, String applicationId);

    /** Stores a new TRIGGERED case; false when a case with the same trigger already exists. */
    boolean create(LoopCase loopCase, List<AuditEntry> audit);

    /** {@code RESTART}: FAILED or CONSENT_BLOCKED before an interview existed → TRIGGERED again, owned by a new trigger event. */
    boolean restart(String caseId, String triggerEventId, Instant now, List<AuditEntry> audit);

    /**
     * {@code BLOCK_INTERVIEW}: TRIGGERED → CONSENT_BLOCKED, with the notices that tell the recruiter ({@link LoopEnding}
     * events for the inbox), stored in the same transaction.
     */
    boolean markBlocked(String caseId, String detail, Instant now, List<AuditEntry> audit, List<InboxEvent> notices);

    /**
     * {@code BLOCK_WRITING}: WRITING → CONSENT_BLOCKED for the event writing the case: consent no longer allows writing the results.
     *
     * @return false when the case is no longer being written by {@code eventId}
     */
    boolean markWriteBlocked(String caseId, String eventId, String detail, Instant now, List<AuditEntry> audit,
                             List<InboxEvent> notices);

    /** {@code INVITE}: TRIGGERED → INVITED with the vendor's interview id. */
    boolean markInvited(String caseId, String interviewId, String detail, Instant now, List<AuditEntry> audit);

    /** {@code START_WRITING}: INVITED (or WRITING by this same event, resuming) → WRITING by the event. */
    boolean startWriting(String caseId, String eventId, @Nullable Instant completeTime, Instant now, List<AuditEntry> audit);

    /**
     * {@code RESUME_WRITING}: FAILED while this event was writing → WRITING by the event again: its dead letter was replayed once the
     * cause was fixed. What was already written stays; the write-back is repeatable.
     */
    boolean resumeWriting(String caseId, String eventId, Instant now, List<AuditEntry> audit);

    /**
     * {@code START_REWRITING}: WRITTEN with a result other than {@code resultSha256} (a re-scored result) → WRITING by the event;
     * false when the case is not WRITTEN or this very result is the one written.
     */
    boolean startRewriting(String caseId, String eventId, String resultSha256, @Nullable Instant completeTime, Instant now,
                           List<AuditEntry> audit);

    /**
     * {@code FINISH_WRITING}: WRITING by the event → WRITTEN, storing in one transaction what was written, the hash of the
     * result written, the ownership of the fields written and the conflicts found. A conflict over a
     * field that already has an OPEN one replaces that one's values (one open item per field).
     */
    boolean markWritten(String caseId, String eventId, List<WriteRecord> records, String resultSha256,
                        List<FieldOwnership> owned, List<WriteConflict> conflicts, String detail, Instant now,
                        List<AuditEntry> audit);

    /**
     * {@code RELEASE_WRITING}: WRITING by the event → INVITED for another attempt ({@code RELEASE_REWRITING}: WRITTEN
     * when an earlier result is on the record).
     */
    boolean releaseWriting(String caseId, String eventId, String detail, Instant now);

    /**
     * {@code FAIL}: TRIGGERED, or WRITING by the event → FAILED; a re-scored result that fails leaves the case WRITTEN
     * ({@code FAIL_REWRITING}: the earlier result stays on the record), with the failure as its detail.
     */
    boolean markFailed(String caseId, String eventId, String detail, Instant now, List<AuditEntry> audit,
                       List<InboxEvent> notices);

    /**
     * {@code DECLINE}, {@code EXPIRE}, {@code ABANDON} or {@code CANCEL}: INVITED → how the invitation ended, with the
     * notices that tell the recruiter, stored in the same transaction.
     *
     * @param ending one of the four events that end an invitation
     * @return false when the case is no longer INVITED
     */
    boolean markEnded(String caseId, LoopTransitions.Event ending, String detail, Instant now, List<AuditEntry> audit,
                      List<InboxEvent> notices);

    /** Up to {@code limit} INVITED cases invited before {@code cutoff}, oldest first: invitations that stood too long. */
    List<LoopCase> invitedBefore(Instant cutoff, int limit);

    /** The ownership of the custom fields of one ATS record, by field key. */
    Map<String, FieldOwnership> ownership(String atsConnectionId, String scope, String recordId);

    /** The tenant's conflicts (of one status, or all when null) after queue position {@code afterSeq}, oldest first. */
    List<WriteConflict> conflicts(String tenantId, @Nullable WriteConflict.Status status, long afterSeq, int limit);

    Optional<WriteConflict> findConflict(String tenantId, String conflictId);

    /**
     * OPEN → {@code resolution}, storing the field's new ownership and the audit records in the same
     * transaction; false when the conflict was no longer OPEN.
     */
    boolean resolveConflict(String conflictId, WriteConflict.Status resolution, String resolvedBy, String requestId,
                            FieldOwnership owned, Instant now, List<AuditEntry> audit);

    /** What was written for a case. */
    List<WriteRecord> writeRecords(String caseId);

    /** The tenant's cases by status. */
    Map<LoopCaseStatus, Long> countByStatus(String tenantId);

    /** write_time - trigger_receive_time of the tenant's most recently written cases, at most {@code limit}. */
    List<Duration> writeLatencies(String tenantId, int limit);
}
