package io.atsbridge.sandbox.aivendor;

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
        String token = AuthorizationHeader.bearer(request.getHeaders().get(HttpHeaders.AUTHORIZATION));
        if (!AuthorizationHeader.matches(token, sim.apiKey)) {
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
        return SandboxJson.answer(status, SandboxJson.object().put("error", code).put("message", message));
    }
}
