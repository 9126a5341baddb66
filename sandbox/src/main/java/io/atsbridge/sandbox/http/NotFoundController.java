package io.atsbridge.sandbox.http;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;

/**
 * Unknown paths answer in the simulated vendor's error shape rather than Micronaut's, so a client's
 * error handling meets what it would meet at the vendor: Harvest's {@code {"message": ...}}, the AI
 * vendor's {@code {"error": ..., "message": ...}}.
 */
@Controller
final class NotFoundController {

    @Error(status = HttpStatus.NOT_FOUND, global = true)
    HttpResponse<byte[]> notFound(HttpRequest<?> request) {
        var body = SandboxJson.object();
        if (!request.getPath().startsWith("/greenhouse")) {
            body.put("error", "not_found");
        }
        body.put("message", "Resource not found: " + request.getMethodName() + " " + request.getPath());
        return HttpResponse.<byte[]>status(HttpStatus.NOT_FOUND)
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .body(SandboxJson.bytes(body));
    }
}
