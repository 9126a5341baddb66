package io.atsbridge.sandbox.ashby;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.core.annotation.Nullable;

/**
 * What an assessment partner answered when the simulator, acting as Ashby, called it.
 *
 * @param status the HTTP status (0 when no answer came; {@code error} says why)
 * @param body   the raw body text
 * @param json   the body parsed as JSON, or null when it is not JSON
 * @param error  why no answer came, when status is 0
 */
public record PartnerResponse(int status, String body, @Nullable JsonNode json, @Nullable String error) {
}
