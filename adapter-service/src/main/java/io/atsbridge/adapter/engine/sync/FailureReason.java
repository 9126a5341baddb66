package io.atsbridge.adapter.engine.sync;

/**
 * Why an inbox event became a dead letter, as a code an operator can sort by. It ends the dead letter's
 * text in brackets ({@code [reason: VENDOR_REFUSED]}).
 */
enum FailureReason {

    /** A vendor refused the call as it was made: a 4xx other than 408 and 429, or its own error answer. */
    VENDOR_REFUSED,
    /** A vendor did not accept the connection's credentials or refused it a permission (401, 403). */
    VENDOR_ACCESS_REFUSED,
    /** An atsbridge service or rule refused the request as it was made (a gRPC INVALID_ARGUMENT, NOT_FOUND ...). */
    REQUEST_REFUSED,
    /** The event's body is not what its vendor sends, or lacks what atsbridge needs. */
    MALFORMED_PAYLOAD,
    /** A record or result lacks what the step needs: an application without a job, a result without a link to it. */
    MISSING_DATA,
    /** Configuration the step needs is missing or wrong: a connection, a jurisdiction, a setting. */
    MISSING_CONFIGURATION,
    /**
     * The ATS cannot take what the step would do: a custom field it lacks, has switched off or types otherwise, an
     * option it does not offer, an operation its API does not have.
     */
    UNSUPPORTED,
    /** The event does not apply where its loop case, interview or assessment stands (an unknown interview, a failed case). */
    CASE_STATE,
    /** A failure that may pass later (a vendor 5xx, a time-out, a peer UNAVAILABLE) was still there on the last attempt. */
    RETRIES_EXHAUSTED,
    /** An exception atsbridge does not classify (a defect) was still there on the last attempt; its type is named. */
    UNEXPECTED
}
