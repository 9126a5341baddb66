package io.atsbridge.sandbox.aivendor;

import io.atsbridge.sandbox.http.SandboxJson;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;

import java.util.function.Supplier;

/** The AI vendor's interview endpoints over HTTP; authentication happens before, in {@link AiVendorGate}. */
@Controller(AiVendorRoutes.BASE + "/v1")
@Consumes(MediaType.ALL)
final class InterviewController {

    private final AiVendorSimulator sim;

    InterviewController(AiVendorSimulator sim) {
        this.sim = sim;
    }

    @Post("/interviews")
    HttpResponse<byte[]> create(HttpRequest<?> request, @Nullable @Body String body) {
        String key = request.getHeaders().get("Idempotency-Key");
        return respond(() -> sim.create(SandboxJson.parse(body), key == null || key.isBlank() ? null : key));
    }

    @Get("/interviews/{id}")
    HttpResponse<byte[]> get(@PathVariable String id) {
        return respond(() -> sim.get(id));
    }

    @Post("/interviews/{id}/cancel")
    HttpResponse<byte[]> cancel(@PathVariable String id) {
        return respond(() -> sim.cancel(id));
    }

    private static HttpResponse<byte[]> respond(Supplier<AiVendorSimulator.ApiResult> call) {
        try {
            AiVendorSimulator.ApiResult result = call.get();
            return SandboxJson.answer(result.status(), result.body());
        } catch (AiVendorApiException e) {
            return SandboxJson.answer(e.status(), e.body());
        } catch (SandboxJson.MalformedJsonException e) {
            return AiVendorGate.error(HttpStatus.BAD_REQUEST, "invalid_json", e.getMessage());
        }
    }
}
