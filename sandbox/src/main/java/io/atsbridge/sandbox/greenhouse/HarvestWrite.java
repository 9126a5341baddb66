package io.atsbridge.sandbox.greenhouse;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;

/**
 * One write request (POST, PATCH, PUT, DELETE) that reached the Harvest API, whatever its outcome, for
 * assertions such as "exactly one PATCH, on behalf of user 7".
 *
 * @param path       the request path under the Harvest base URL, e.g. {@code /v1/candidates/12}
 * @param body       the raw request body, if any
 * @param onBehalfOf the {@code On-Behalf-Of} header as sent, if any
 * @param status     the HTTP status the simulator answered
 */
public record HarvestWrite(String method, String path, @Nullable String body, @Nullable String onBehalfOf,
                           int status, Instant time) {
}
