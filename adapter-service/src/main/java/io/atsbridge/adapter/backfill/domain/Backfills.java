package io.atsbridge.adapter.backfill.domain;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Backfill passes and their checkpoints. A pass is run by one replica at a time (it holds a lease it
 * renews with every checkpoint); a pass whose replica died is taken over from its last checkpoint.
 */
public interface Backfills {

    /** Which applications a pass lists. */
    enum Mode { FULL, INCREMENTAL }

    /** Where a pass stands. */
    enum Status { RUNNING, STOPPED, DONE, FAILED }

    /**
     * One pass.
     *
     * @param cursor        the checkpoint: the vendor's cursor of the next page to list; null before the first page
     * @param updatedSince  INCREMENTAL: only applications changed since then; null for FULL
     * @param sinceToken    INCREMENTAL with token-based vendors: the previous pass's sync token
     * @param nextSyncToken the sync token the vendor gave at the end of this pass, for the next one
     */
    record Backfill(String id, String tenantId, String connectionId, Mode mode, Status status, @Nullable String cursor,
                    @Nullable Instant updatedSince, @Nullable String sinceToken, @Nullable String nextSyncToken, int pages,
                    long seen, long enqueued, long gone, @Nullable String error, Instant startTime, Instant updateTime,
                    @Nullable Instant finishTime) {
    }

    /**
     * Stores a new RUNNING pass unless the connection has a RUNNING or STOPPED one.
     *
     * @return the pass, or the connection's unfinished pass when there is one (nothing stored then)
     */
    Backfill create(Backfill backfill);

    Optional<Backfill> find(String tenantId, String backfillId);

    /** The tenant's passes, newest first; of one connection when {@code connectionId} is not null. */
    List<Backfill> list(String tenantId, @Nullable String connectionId, int limit);

    /** The connection's newest pass that finished (DONE), to bound the next incremental pass. */
    Optional<Backfill> lastDone(String connectionId);

    /** Takes RUNNING passes whose lease ran out (or never was taken), holding them until {@code leaseUntil}. */
    List<Backfill> claim(int limit, Instant leaseUntil, Instant now);

    /**
     * Commits a page: the checkpoint moves to {@code cursor}, the counts grow, the lease is renewed. A pass
     * stopped while the page was being listed still gets the page committed.
     *
     * @return false when the pass is no longer RUNNING (stopped meanwhile): the runner stops
     */
    boolean checkpoint(String backfillId, @Nullable String cursor, long seen, long enqueued, Instant leaseUntil, Instant now);

    /** Records the applications a FULL pass saw (repeating an id changes nothing). */
    void recordSeen(String backfillId, List<String> applicationIds);

    /**
     * Starts a RUNNING pass over as FULL from its first page, without cursor, sync token or {@code updatedSince}: the
     * vendor refused the token or cursor and asks for a full listing (Ashby {@code sync_token_expired},
     * {@code incremental_sync_too_large}, {@code next_cursor_expired}). Counts and what was seen are kept; the lease is
     * renewed. {@code note} says why, until the pass ends.
     *
     * @return false when the pass is no longer RUNNING
     */
    boolean restartFull(String backfillId, String note, Instant leaseUntil, Instant now);

    /** Ends a pass as DONE or FAILED. */
    boolean finish(String backfillId, Status status, long gone, @Nullable String nextSyncToken, @Nullable String error,
                   Instant now);

    /** RUNNING → STOPPED; false when the pass was not running. */
    boolean stop(String tenantId, String backfillId, Instant now);

    /** STOPPED → RUNNING (lease cleared so any replica takes it); false when the pass was not stopped. */
    boolean resume(String tenantId, String backfillId, Instant now);
}
