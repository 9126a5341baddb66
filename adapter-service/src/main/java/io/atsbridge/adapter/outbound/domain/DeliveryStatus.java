package io.atsbridge.adapter.outbound.domain;

/** Where one event's delivery to one subscriber stands. */
public enum DeliveryStatus {
    /** Waiting for its next attempt (or being sent). */
    PENDING,
    /** The subscriber answered 2xx. */
    DELIVERED,
    /** Every attempt of the {@link RetrySchedule} failed. */
    FAILED,
    /** Not sent (any more) because the subscriber was disabled. */
    ABANDONED
}
