package io.atsbridge.adapter.engine.domain;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the sync engine last applied per ATS application, for the stale-event guard and backfill's
 * deletion detection. Vendors retry deliveries for hours (Greenhouse up to 15 h, Ashby with growing
 * waits), so a delayed retry of an old stage change can arrive after a newer one: it must not undo it.
 */
public interface ApplicationStates {

    /**
     * The state of one application.
     *
     * @param appliedTime    the vendor time of the newest change applied
     * @param appliedEventId the inbox event (or backfill pass) that applied it
     * @param open           false once a full backfill pass no longer listed the application as open
     */
    record ApplicationState(String connectionId, String applicationId, String tenantId, Instant appliedTime,
                            String appliedEventId, @Nullable String stageId, boolean open, @Nullable Instant goneTime) {
    }

    /**
     * Records that the change at {@code occurTime} is being applied, unless a newer change was applied
     * already (by another event): then nothing changes and the answer is false — the event is stale. The
     * same event applied again (a retry) is never stale. Atomic per application.
     *
     * @return true when the change is current and was recorded; false when it is stale
     */
    boolean apply(String tenantId, String connectionId, String applicationId, Instant occurTime, String eventId,
                  @Nullable String stageId);

    /** The application's state, if the engine ever applied anything to it. */
    Optional<ApplicationState> find(String connectionId, String applicationId);

    /**
     * After a full backfill pass: marks every application of the connection that is open here but was
     * not seen by the pass as gone (deleted, closed, hired or rejected in the ATS) and returns them, storing
     * the audit record {@code audit} makes for each in the same transaction.
     */
    List<ApplicationState> markUnseenGone(String connectionId, String backfillId, Instant now,
                                          java.util.function.Function<ApplicationState, AuditEntry> audit);
}
