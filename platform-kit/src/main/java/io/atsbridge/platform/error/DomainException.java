package io.atsbridge.platform.error;

import io.micronaut.core.annotation.Nullable;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A failure that callers should see as it is: a canonical code, a machine-readable reason
 * ({@code UPPER_SNAKE}) and a message that says what was wrong, with which value, and what to do.
 * Messages must never contain secrets. The service's error interceptor turns it into a
 * {@code google.rpc.Status} with one {@code ErrorInfo}.
 */
public final class DomainException extends RuntimeException {

    private static final Pattern REASON = Pattern.compile("[A-Z][A-Z0-9_]*");

    private final ErrorCode code;
    private final String reason;
    private final Map<String, String> metadata;

    /** The message, never null: every constructor requires one. */
    @Override
    public String getMessage() {
        return Objects.requireNonNull(super.getMessage());
    }

    public DomainException(ErrorCode code, String reason, String message, Map<String, String> metadata) {
        super(Objects.requireNonNull(message, "message"), null, false, false);
        if (!REASON.matcher(reason).matches()) {
            throw new IllegalArgumentException("reason: " + reason + " (expected: UPPER_SNAKE)");
        }
        this.code = Objects.requireNonNull(code, "code");
        this.reason = reason;
        this.metadata = Map.copyOf(metadata);
    }

    public static DomainException invalidArgument(String reason, String format, @Nullable Object... args) {
        return new DomainException(ErrorCode.INVALID_ARGUMENT, reason, String.format(format, args), Map.of());
    }

    public static DomainException notFound(String reason, String format, @Nullable Object... args) {
        return new DomainException(ErrorCode.NOT_FOUND, reason, String.format(format, args), Map.of());
    }

    public static DomainException alreadyExists(String reason, String format, @Nullable Object... args) {
        return new DomainException(ErrorCode.ALREADY_EXISTS, reason, String.format(format, args), Map.of());
    }

    public static DomainException failedPrecondition(String reason, String format, @Nullable Object... args) {
        return new DomainException(ErrorCode.FAILED_PRECONDITION, reason, String.format(format, args), Map.of());
    }

    public static DomainException permissionDenied(String reason, String format, @Nullable Object... args) {
        return new DomainException(ErrorCode.PERMISSION_DENIED, reason, String.format(format, args), Map.of());
    }

    public static DomainException unavailable(String reason, String format, @Nullable Object... args) {
        return new DomainException(ErrorCode.UNAVAILABLE, reason, String.format(format, args), Map.of());
    }

    /** Throws {@code INVALID_ARGUMENT} with the reason and message when the condition is false. */
    public static void checkArgument(boolean condition, String reason, String format, @Nullable Object... args) {
        if (!condition) {
            throw invalidArgument(reason, format, args);
        }
    }

    /** This exception with one more metadata entry (e.g. the offending field). */
    public DomainException with(String key, String value) {
        Map<String, String> more = new LinkedHashMap<>(metadata);
        more.put(key, value);
        return new DomainException(code, reason, getMessage(), more);
    }

    public ErrorCode code() {
        return code;
    }

    public String reason() {
        return reason;
    }

    public Map<String, String> metadata() {
        return metadata;
    }
}
