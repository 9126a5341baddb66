package io.atsbridge.sandbox.greenhouse;

import io.atsbridge.sandbox.http.AuthorizationHeader;
import io.atsbridge.sandbox.http.SandboxJson;
import io.atsbridge.sandbox.signing.RubyJson;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

import java.time.Duration;
import java.time.Instant;

/**
 * What every Harvest request passes before its endpoint: for v1, HTTP Basic with the API key as username;
 * for v3, {@code Authorization: Bearer <access token>} from the token endpoint (401 otherwise; the token
 * endpoint itself checks client credentials and is not rate limited); then the per-key (v3: per-client) rate limit (429 with {@code Retry-After} and {@code X-RateLimit-Reset}, and
 * without the limit headers, as Harvest documents), then any injected fault. Accepted requests get
 * {@code X-RateLimit-Limit} and {@code X-RateLimit-Remaining} on their response, whatever its status.
 */
@ServerFilter(GreenhouseRoutes.BASE + "/**")
final class HarvestGate {

    private static final String DECISION = HarvestGate.class.getName() + ".decision";
    /** The request attribute holding a v3 request's {@link HarvestOAuth.Grant}. */
    static final String GRANT = HarvestGate.class.getName() + ".grant";

    private final GreenhouseSimulator sim;

    HarvestGate(GreenhouseSimulator sim) {
        this.sim = sim;
    }

    @RequestFilter
    @Nullable
    HttpResponse<?> admit(HttpRequest<?> request) {
        String path = request.getPath();
        if (path.startsWith(GreenhouseRoutes.BASE + GreenhouseRoutes.TOKEN_PATH)
                || path.startsWith(GreenhouseRoutes.BASE + GreenhouseAssessments.COMPLETION_PATH)) {
            // The token endpoint checks client credentials, the completion URLs the partner key: not Harvest's.
            return null;
        }
        String key;
        if (path.startsWith(GreenhouseRoutes.BASE + "/v3/") || path.equals(GreenhouseRoutes.BASE + "/v3")) {
            String token = AuthorizationHeader.bearer(request.getHeaders().get(HttpHeaders.AUTHORIZATION));
            var grant = sim.oauth.resolve(token);
            if (grant.isEmpty()) {
                sim.rateLimiter.unauthorized();
                String message = token == null
                        ? "Missing Bearer token: send Authorization: Bearer <access_token> from POST /auth/token (client credentials)"
                        : "Invalid or expired access token: fetch a new one from the token endpoint";
                return error(HttpStatus.UNAUTHORIZED, message).header(HttpHeaders.WWW_AUTHENTICATE,
                        "Bearer realm=\"Greenhouse Harvest\", error=\"invalid_token\"");
            }
            request.setAttribute(GRANT, grant.get());
            String scope = HarvestAccess.scopeFor(request.getMethodName(), path.substring(GreenhouseRoutes.BASE.length()));
            if (scope != null && !sim.access.scopeGranted(scope)) {
                return error(HttpStatus.FORBIDDEN, "Insufficient scope: " + request.getMethodName() + " "
                        + path.substring(GreenhouseRoutes.BASE.length()) + " requires the scope " + scope
                        + ", which this client's credentials are not granted")
                        .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"Greenhouse Harvest\", error=\"insufficient_scope\", "
                                + "scope=\"" + scope + "\"");
            }
            // One allowance per OAuth client, as v1 has one per API key (v3's own limits are not documented).
            key = "oauth-client:" + grant.get().clientId();
        } else {
            // Harvest's password is blank and not checked; only the username (the key) matters.
            key = AuthorizationHeader.basicUser(request.getHeaders().get(HttpHeaders.AUTHORIZATION));
            if (key == null || !AuthorizationHeader.matches(key, sim.apiKey)) {
                sim.rateLimiter.unauthorized();
                String message = key == null
                        ? "Missing Basic Auth credentials: send Authorization: Basic base64(<Harvest API key>:)"
                        : "Invalid Basic Auth credentials: the username must be a valid Harvest API key (password blank)";
                return error(HttpStatus.UNAUTHORIZED, message)
                        .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"Greenhouse Harvest\"");
            }
            String permission = HarvestAccess.permissionFor(request.getMethodName(), path.substring(GreenhouseRoutes.BASE.length()));
            if (permission != null && !sim.access.permissionGranted(permission)) {
                // Greenhouse's error table: 401 means "ensure you're using a valid Harvest API key with the correct permissions".
                return error(HttpStatus.UNAUTHORIZED, "This API key does not have permission for " + request.getMethodName()
                        + " " + path.substring(GreenhouseRoutes.BASE.length()) + " (" + permission + ")");
            }
        }
        HarvestRateLimiter.Decision decision = sim.rateLimiter.acquire(key);
        if (!decision.allowed()) {
            long retryAfter = Math.max(1, (Duration.between(Instant.now(), decision.resetAt()).toMillis() + 999) / 1000);
            return error(HttpStatus.TOO_MANY_REQUESTS, "Rate limit of " + decision.limit()
                    + " requests per window exceeded; retry after " + retryAfter + " seconds")
                    .header(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter))
                    .header("X-RateLimit-Reset", Long.toString(decision.resetAt().getEpochSecond()
                            + (decision.resetAt().getNano() > 0 ? 1 : 0)));
        }
        request.setAttribute(DECISION, decision);
        int fault = sim.takeFault();
        if (fault != 0) {
            return withLimits(error(HttpStatus.valueOf(fault), "Injected fault: the sandbox was told to fail this request"), decision);
        }
        return null;
    }

    @ResponseFilter
    void addLimits(HttpRequest<?> request, MutableHttpResponse<?> response) {
        request.getAttribute(DECISION, HarvestRateLimiter.Decision.class).ifPresent(d -> withLimits(response, d));
    }

    private static MutableHttpResponse<?> withLimits(MutableHttpResponse<?> response, HarvestRateLimiter.Decision d) {
        response.getHeaders().set("X-RateLimit-Limit", Integer.toString(d.limit()));
        response.getHeaders().set("X-RateLimit-Remaining", Integer.toString(d.remaining()));
        return response;
    }

    static MutableHttpResponse<byte[]> error(HttpStatus status, String message) {
        return HttpResponse.<byte[]>status(status)
                .contentType(MediaType.of("application/json; charset=utf-8"))
                .body(RubyJson.bytes(SandboxJson.object().put("message", message)));
    }
}
