package io.atsbridge.connectors.webhook;

import io.micronaut.core.annotation.Nullable;

import java.util.Objects;

/**
 * How a vendor's retry differs from a captured request sent again, if it can be told at all.
 *
 * @param attemptHeader with {@link Kind#SIGNED_ATTEMPT}, the header holding the signed time of the attempt
 */
public record ReplayGuard(Kind kind, @Nullable String attemptHeader) {

    /** Nothing remembered: see {@link Kind#NONE}. */
    public static final ReplayGuard NONE = new ReplayGuard(Kind.NONE, null);
    /** One-time tokens: see {@link Kind#TOKEN}. */
    public static final ReplayGuard TOKEN = new ReplayGuard(Kind.TOKEN, null);

    public ReplayGuard {
        Objects.requireNonNull(kind, "kind");
        if ((kind == Kind.SIGNED_ATTEMPT) != (attemptHeader != null)) {
            throw new IllegalArgumentException("attemptHeader: " + attemptHeader + " (expected: a header with "
                    + Kind.SIGNED_ATTEMPT + " only)");
        }
    }

    /** Every attempt signed anew, its time in {@code timestampHeader}: see {@link Kind#SIGNED_ATTEMPT}. */
    public static ReplayGuard signedAttempt(String timestampHeader) {
        return new ReplayGuard(Kind.SIGNED_ATTEMPT, Objects.requireNonNull(timestampHeader, "timestampHeader"));
    }

    /** The ways vendors' retries can be told from replays. */
    public enum Kind {
        /**
         * Nothing remembered: the vendor retries with the very same bytes (Greenhouse, Ashby, ...), so a
         * replay cannot be told from a retry; the inbox deduplicates on the delivery key and nothing is stored twice.
         */
        NONE,
        /**
         * Lever: {@code token} is a one-time value and the signature covers only {@code token + triggeredAt}, not
         * {@code data}. The same token with the same bytes is Lever's retry (acknowledged, not stored again); the
         * same token carrying other bytes is someone reusing a captured signature, and is refused. Tokens are
         * remembered for the late-retry horizon ({@link WebhookSettings#lateRetryHorizon()}); the inbox stores each
         * token once, for good.
         */
        TOKEN,
        /**
         * Standard Webhooks: every attempt is signed anew with its own timestamp, so a request with an accepted id and
         * the same timestamp is a captured request sent again, and is refused; the same id with a new timestamp is
         * the sender's retry and goes on to the inbox, which acknowledges it as a duplicate.
         */
        SIGNED_ATTEMPT
    }
}
