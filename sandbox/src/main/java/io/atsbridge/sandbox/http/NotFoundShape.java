package io.atsbridge.sandbox.http;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.web.router.RouteAttributes;

/**
 * Unknown paths answer in the simulated vendor's error shape rather than Micronaut's, so a client's
 * error handling meets what it would meet at the vendor: Harvest's {@code {"message": ...}}, the AI
 * vendor's {@code {"error": ..., "message": ...}}. A 404 an endpoint answered keeps its own body.
 *
 * <p>This is a response filter on purpose, not an {@code @Error(status = NOT_FOUND, global = true)} route:
 * Micronaut 4.10 sends an endpoint's 404 on to such a status route, and when the request's body arrived
 * after its headers that second pass piles up execution-flow steps until the JVM runs out of memory
 * (micronaut-core#12940, open; it took down a CI run). {@code SplitArrivalTest} sends exactly those requests.
 */
@ServerFilter("/**")
final class NotFoundShape {

    @ResponseFilter
    void shapeRouteMiss(HttpRequest<?> request, MutableHttpResponse<?> response) {
        if (response.code() != HttpStatus.NOT_FOUND.getCode() || RouteAttributes.getRouteMatch(request).isPresent()) {
            return;
        }
        var body = SandboxJson.object();
        if (!request.getPath().startsWith("/greenhouse")) {
            body.put("error", "not_found");
        }
        body.put("message", "Resource not found: " + request.getMethodName() + " " + request.getPath());
        @SuppressWarnings("unchecked")
        MutableHttpResponse<Object> writable = (MutableHttpResponse<Object>) response;
        writable.contentType(MediaType.APPLICATION_JSON_TYPE).body(SandboxJson.bytes(body));
    }
}
