package io.atsbridge.sandbox.ashby;

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

import java.time.Duration;

/**
 * What every Ashby request passes before its method: HTTP Basic with the API key as user name and a blank
 * password (developers.ashbyhq.com reference/authentication): no key is 401, a wrong key 403, as documented;
 * a key without the permission the method needs ({@link AshbyPermissions}) is 403 with the error
 * {@code missing_endpoint_permission}, as documented; then the optional rate limit (429 with {@code Retry-After}).
 * The bodies of these answers use the error envelope of Ashby's OpenAPI ({@code success: false}, {@code errors},
 * {@code errorInfo}); the codes {@code missing_api_key}, {@code invalid_api_key} and {@code rate_limit_exceeded} and
 * every message are not documented (assumed).
 */
@ServerFilter(AshbyRoutes.BASE + "/**")
final class AshbyGate {

    private final AshbySimulator sim;

    AshbyGate(AshbySimulator sim) {
        this.sim = sim;
    }

    @RequestFilter
    @Nullable
    HttpResponse<?> admit(HttpRequest<?> request) {
        String key = AuthorizationHeader.basicUser(request.getHeaders().get(HttpHeaders.AUTHORIZATION));
        if (key == null) {
            return error(HttpStatus.UNAUTHORIZED, "missing_api_key",
                    "Missing Basic Auth credentials: send Authorization: Basic base64(<Ashby API key>:)")
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"Ashby API\"");
        }
        if (!AuthorizationHeader.matches(key, sim.apiKey)) {
            return error(HttpStatus.FORBIDDEN, "invalid_api_key",
                    "The API key is not valid or has been deactivated: check the key (user name, blank password)");
        }
        String method = request.getPath().substring(request.getPath().lastIndexOf('/') + 1);
        String permission = AshbyPermissions.required(method);
        if (permission != null && !sim.apiKeyPermissions().contains(permission)) {
            return error(HttpStatus.FORBIDDEN, "missing_endpoint_permission", "This API key does not have the "
                    + permission + " permission, which " + method + " requires; an Ashby admin grants it under "
                    + "Admin > Integrations > API Keys");
        }
        Duration wait = sim.rateLimiter.acquire(key);
        if (!wait.isZero()) {
            long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
            return error(HttpStatus.TOO_MANY_REQUESTS, "rate_limit_exceeded",
                    "Too many requests for this API key; retry after " + seconds + " seconds")
                    .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        }
        return null;
    }

    private static MutableHttpResponse<byte[]> error(HttpStatus status, String code, String message) {
        return SandboxJson.answer(status, AshbyApi.error(code, message));
    }
}
