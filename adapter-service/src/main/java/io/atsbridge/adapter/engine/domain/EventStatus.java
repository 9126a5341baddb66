package io.atsbridge.adapter.engine.domain;

/** Where an inbox event stands in processing. */
public enum EventStatus {
    /** Stored, waiting to be processed; after a retryable failure, waiting until its lease_until ("not before"). */
    PENDING,
    /** Claimed by a worker until its lease ends; an expired lease makes it claimable again. */
    IN_PROGRESS,
    /** Processed: the step it triggered was taken. */
    DONE,
    /** Processed: nothing to do (not the trigger stage, already handled, no action for its type). */
    IGNORED,
    /** Processed: the step was not taken because consent policy stands in the way. */
    BLOCKED,
    /** Processing failed for good (a permanent error, or every attempt used); the outcome says why. */
    FAILED;

    /** Whether processing is over for the event. */
    public boolean finished() {
        return this == DONE || this == IGNORED || this == BLOCKED || this == FAILED;
    }
}
