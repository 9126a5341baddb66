package io.atsbridge.connectors;

import io.micronaut.core.annotation.Nullable;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A vendor API call that did not succeed. Retryable failures (rate limits, 5xx, time-outs, network
 * errors) may succeed later; permanent ones (other 4xx) will not until something is changed, and
 * carry the vendor's own message. Messages name the vendor, the method and path, and never a credential.
 */
public final class VendorCallException extends RuntimeException {

    private final boolean retryable;
    private final int status;
    @Nullable
    private final Duration retryAfter;
    private final boolean deferred;
    @Nullable
    private final String code;
    private final boolean restartSync;

    VendorCallException(String message, boolean retryable, int status, @Nullable Duration retryAfter, @Nullable Throwable cause) {
        this(message, retryable, status, retryAfter, cause, false, null, false);
    }

    private VendorCallException(String message, boolean retryable, int status, @Nullable Duration retryAfter,
                                @Nullable Throwable cause, boolean deferred, @Nullable String code, boolean restartSync) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.retryable = retryable;
        this.status = status;
        this.retryAfter = retryAfter;
        this.deferred = deferred;
        this.code = code;
        this.restartSync = restartSync;
    }

    /** What failed, naming the vendor and the call; every one is made with a message, so never null. */
    @Override
    public String getMessage() {
        return Objects.requireNonNull(super.getMessage(), "the constructor requires a message");
    }

    /**
     * The call was not made because the connection is not taking calls now: its circuit is open after
     * repeated failures, or the vendor asked to wait longer than one call may. The work should wait
     * {@code retryAfter} and does not count it as a failed attempt.
     */
    public static VendorCallException deferred(String message, int status, Duration retryAfter) {
        return new VendorCallException(message, true, status, retryAfter, null, true, null, false);
    }

    /** Whether the call was held back by the connection's governor rather than failed by the vendor (see {@link #deferred}). */
    public boolean deferred() {
        return deferred;
    }

    public static VendorCallException retryable(String message, int status, @Nullable Duration retryAfter, @Nullable Throwable cause) {
        return new VendorCallException(message, true, status, retryAfter, cause);
    }

    public static VendorCallException permanent(String message, int status) {
        return new VendorCallException(message, false, status, null, null);
    }

    /** A refusal carrying the vendor's error code (Ashby {@code errorInfo.code}, e.g. {@code missing_endpoint_permission}). */
    public static VendorCallException permanent(String message, int status, @Nullable String code) {
        return new VendorCallException(message, false, status, null, null, false, code, false);
    }

    /**
     * The vendor refused an incremental listing and asks for a full one (Ashby: {@code sync_token_expired},
     * {@code incremental_sync_too_large}, {@code next_cursor_expired}): the caller drops its sync token and cursor and
     * lists everything again from the first page. Not retryable as it was made.
     */
    public static VendorCallException restartSync(String message, int status, String code) {
        return new VendorCallException(message, false, status, null, null, false, code, true);
    }

    /** The vendor's own error code, when its answer carried one. */
    public Optional<String> code() {
        return Optional.ofNullable(code);
    }

    /**
     * Whether the listing must start over as a full one without sync token or cursor (see {@link #restartSync});
     * backfill does so instead of failing.
     */
    public boolean restartSync() {
        return restartSync;
    }

    /** Whether the same call may succeed later without a change. */
    public boolean retryable() {
        return retryable;
    }

    /** The HTTP status the vendor answered with; 0 when there was no answer. */
    public int status() {
        return status;
    }

    /** How long the vendor asked to wait before the next call, when it said (429 Retry-After). */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
