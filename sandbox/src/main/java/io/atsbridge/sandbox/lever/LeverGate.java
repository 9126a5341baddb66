package io.atsbridge.sandbox.lever;

import io.atsbridge.sandbox.http.AuthorizationHeader;
import io.atsbridge.sandbox.http.SandboxJson;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;


/**
 * What every Lever request passes before its endpoint: HTTP Basic with the API key as user name and a blank
 * password (401 {@code {"code": "UNAUTHORIZED", ...}} otherwise), then the key's token bucket (429
 * {@code {"code": "TooManyRequests", ...}}). Lever documents no rate-limit headers and no {@code Retry-After},
 * only "retry with exponential backoff", so a 429 carries neither.
 */
@ServerFilter(LeverRoutes.BASE + "/**")
final class LeverGate {

    private final LeverSimulator sim;

    LeverGate(LeverSimulator sim) {
        this.sim = sim;
    }

    @RequestFilter
    @Nullable
    HttpResponse<?> admit(HttpRequest<?> request) {
        String key = AuthorizationHeader.basicUser(request.getHeaders().get(HttpHeaders.AUTHORIZATION));
        if (key == null || !known(key)) {
            sim.rateLimiter.unauthorized();
            return error(HttpStatus.UNAUTHORIZED, "UNAUTHORIZED", key == null
                    ? "Missing credentials: send Authorization: Basic base64(<Lever API key>:) (the API key as user name, blank password)"
                    : "Invalid API key: the Basic user name must be an API key of this Lever account (password blank)");
        }
        if (!sim.rateLimiter.acquire(key)) {
            return error(HttpStatus.TOO_MANY_REQUESTS, "TooManyRequests",
                    "Too many requests for this API key; retry with exponential backoff");
        }
        return null;
    }

    /** Whether the key is one of the account's, compared with every key in time independent of where they differ. */
    private boolean known(String key) {
        boolean found = false;
        for (String candidate : sim.apiKeys.keySet()) {
            found |= AuthorizationHeader.matches(key, candidate);
        }
        return found;
    }

    static MutableHttpResponse<byte[]> error(HttpStatus status, String code, String message) {
        return SandboxJson.answer(status, LeverApiException.body(code, message));
    }
}
