package io.atsbridge.sandbox.aivendor;

import io.atsbridge.sandbox.http.SandboxJson;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Every AI vendor request needs {@code Authorization: Bearer <api key>} (401 otherwise); then any injected fault. */
@ServerFilter(AiVendorRoutes.BASE + "/**")
final class AiVendorGate {

    private final AiVendorSimulator sim;

    AiVendorGate(AiVendorSimulator sim) {
        this.sim = sim;
    }

    @RequestFilter
    @Nullable
    HttpResponse<?> admit(HttpRequest<?> request) {
        String authorization = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        String token = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).trim() : null;
        if (token == null || !MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
                sim.apiKey.getBytes(StandardCharsets.UTF_8))) {
            return error(HttpStatus.UNAUTHORIZED, "unauthorized", token == null
                    ? "missing API key: send Authorization: Bearer <api key>"
                    : "invalid API key: check the key issued for this account")
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        int fault = sim.takeFault();
        if (fault != 0) {
            return error(HttpStatus.valueOf(fault), "injected_fault", "the sandbox was told to fail this request");
        }
        return null;
    }

    static MutableHttpResponse<byte[]> error(HttpStatus status, String code, String message) {
        return HttpResponse.<byte[]>status(status)
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .body(SandboxJson.bytes(SandboxJson.object().put("error", code).put("message", message)));
    }
}
