package io.atsbridge.sandbox.ashby;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;

/**
 * One authenticated API request as the simulator answered it, for tests to count and inspect calls.
 *
 * @param method    the RPC method, e.g. {@code candidateTag.create}
 * @param body      the request body as sent
 * @param success   the answer's {@code success}
 * @param errorCode the {@code errorInfo.code} of a failed call
 */
public record AshbyApiCall(String method, @Nullable String body, boolean success, @Nullable String errorCode, Instant at) {
}
