package io.atsbridge.sandbox.lever;

/**
 * What a Lever webhook retry ("Lever will continue trying to send the webhook five times, waiting longer and longer in
 * between tries") and a Super Admin's manual "Rerun" from the delivery history carry. Lever does not document whether
 * they keep the original {@code token} and {@code triggeredAt}, so both are modelled.
 */
public enum LeverRetryBody {
    /** Every attempt and rerun sends the very bytes of the first: same token, triggeredAt and signature. The default. */
    SAME_BYTES,
    /** Every attempt and rerun carries a fresh token and triggeredAt, signed anew; {@code data} is the same. */
    RESIGNED
}
