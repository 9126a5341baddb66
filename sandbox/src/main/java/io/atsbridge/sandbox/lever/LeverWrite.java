package io.atsbridge.sandbox.lever;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;

/**
 * One write request that reached the Lever API, whatever its outcome.
 *
 * @param path      the path below {@code /lever}, e.g. {@code /v1/opportunities/<id>/notes}
 * @param performAs the {@code perform_as} query parameter; null when the client sent none
 * @param status    the status the simulator answered
 */
public record LeverWrite(String method, String path, @Nullable String body, @Nullable String performAs, int status,
                         Instant at) {
}
