package io.atsbridge.sandbox.greenhouse;

import io.atsbridge.sandbox.http.SandboxJson;
import io.atsbridge.sandbox.signing.RubyJson;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Harvest v1 over HTTP: maps each route to {@link HarvestApi}, writes Harvest's JSON (Ruby-escaped, like the
 * Rails application it imitates), checks {@code On-Behalf-Of} on writes and logs every write. Authentication
 * and rate limiting happen before, in {@link HarvestGate}.
 */
@Controller(GreenhouseRoutes.BASE + "/v1")
@Consumes(MediaType.ALL)
final class HarvestController {

    private static final MediaType JSON = MediaType.of("application/json; charset=utf-8");

    private final HarvestApi api;
    private final GreenhouseSimulator sim;

    HarvestController(HarvestApi api, GreenhouseSimulator sim) {
        this.api = api;
        this.sim = sim;
    }

    @Get("/candidates")
    HttpResponse<byte[]> listCandidates(HttpRequest<?> request) {
        return read(() -> api.listCandidates(selfUrl(request, "/v1/candidates"), request.getParameters().asMap()));
    }

    /** The absolute URL of a list endpoint as the client addressed it, for Link headers. */
    static String selfUrl(HttpRequest<?> request, String path) {
        String host = Optional.ofNullable(request.getHeaders().get(HttpHeaders.HOST)).orElse("localhost");
        return "http://" + host + GreenhouseRoutes.BASE + path;
    }

    @Get("/candidates/{id}")
    HttpResponse<byte[]> getCandidate(@PathVariable String id) {
        return read(() -> api.getCandidate(id));
    }

    @Patch("/candidates/{id}")
    HttpResponse<byte[]> patchCandidate(HttpRequest<?> request, @PathVariable String id, @Nullable @Body String body) {
        return write(request, body, user -> api.patchCandidate(id, SandboxJson.parse(body)));
    }

    @Get("/candidates/{id}/activity_feed")
    HttpResponse<byte[]> activityFeed(@PathVariable String id) {
        return read(() -> api.activityFeed(id));
    }

    @Post("/candidates/{id}/activity_feed/notes")
    HttpResponse<byte[]> addNote(HttpRequest<?> request, @PathVariable String id, @Nullable @Body String body) {
        return write(request, body, user -> api.addNote(id, SandboxJson.parse(body)));
    }

    @Put("/candidates/{id}/tags/{tagId}")
    HttpResponse<byte[]> applyTag(HttpRequest<?> request, @PathVariable String id, @PathVariable String tagId,
                                  @Nullable @Body String body) {
        return write(request, body, user -> api.applyTag(id, tagId));
    }

    @Delete("/candidates/{id}/tags/{tagId}")
    HttpResponse<byte[]> removeTag(HttpRequest<?> request, @PathVariable String id, @PathVariable String tagId,
                                   @Nullable @Body String body) {
        return write(request, body, user -> api.removeTag(id, tagId));
    }

    @Get("/tags/candidate")
    HttpResponse<byte[]> candidateTags() {
        return read(api::listCandidateTags);
    }

    @Get("/applications")
    HttpResponse<byte[]> listApplications(HttpRequest<?> request) {
        return read(() -> api.listApplications(selfUrl(request, "/v1/applications"), request.getParameters().asMap()));
    }

    @Post("/applications/{id}/attachments")
    HttpResponse<byte[]> addAttachment(HttpRequest<?> request, @PathVariable String id, @Nullable @Body String body) {
        return write(request, body, user -> api.addAttachment(id, SandboxJson.parse(body), user));
    }

    @Get("/applications/{id}")
    HttpResponse<byte[]> getApplication(@PathVariable String id) {
        return read(() -> api.getApplication(id));
    }

    @Patch("/applications/{id}")
    HttpResponse<byte[]> patchApplication(HttpRequest<?> request, @PathVariable String id, @Nullable @Body String body) {
        return write(request, body, user -> api.patchApplication(id, SandboxJson.parse(body)));
    }

    @Post("/applications/{id}/move")
    HttpResponse<byte[]> moveApplication(HttpRequest<?> request, @PathVariable String id, @Nullable @Body String body) {
        return write(request, body, user -> api.moveApplication(id, SandboxJson.parse(body), user));
    }

    @Post("/applications/{id}/advance")
    HttpResponse<byte[]> advanceApplication(HttpRequest<?> request, @PathVariable String id, @Nullable @Body String body) {
        return write(request, body, user -> api.advanceApplication(id, SandboxJson.parse(body), user));
    }

    @Get("/jobs/{id}")
    HttpResponse<byte[]> getJob(@PathVariable String id) {
        return read(() -> api.getJob(id));
    }

    @Get("/jobs/{id}/stages")
    HttpResponse<byte[]> getJobStages(@PathVariable String id) {
        return read(() -> api.getJobStages(id));
    }

    @Get("/custom_fields/{fieldType}")
    HttpResponse<byte[]> listCustomFields(HttpRequest<?> request, @PathVariable String fieldType) {
        return read(() -> api.listCustomFields(selfUrl(request, "/v1/custom_fields/" + fieldType), fieldType,
                request.getParameters().asMap()));
    }

    static HttpResponse<byte[]> read(Supplier<HarvestResult> endpoint) {
        return respond(run(endpoint));
    }

    /**
     * A write: needs {@code On-Behalf-Of} naming an existing user (403 otherwise, as Harvest requires it
     * "for auditing purposes"), and enters the write log whatever its outcome.
     */
    private HttpResponse<byte[]> write(HttpRequest<?> request, @Nullable String body,
                                       Function<GreenhouseUser, HarvestResult> endpoint) {
        String onBehalfOf = request.getHeaders().get("On-Behalf-Of");
        Optional<GreenhouseUser> user = api.onBehalfOf(onBehalfOf);
        HarvestResult result;
        if (user.isEmpty()) {
            result = HarvestException.message(403, onBehalfOf == null
                    ? "Missing On-Behalf-Of header: write requests must name the Greenhouse user ID issuing them"
                    : "On-Behalf-Of " + onBehalfOf + " is not the ID of a Greenhouse user in this organization").toResult();
        } else {
            result = run(() -> endpoint.apply(user.get()));
        }
        String path = request.getPath().substring(GreenhouseRoutes.BASE.length());
        sim.recordWrite(new HarvestWrite(request.getMethodName(), path, body, onBehalfOf, result.status(), Instant.now()));
        return respond(result);
    }

    static HarvestResult run(Supplier<HarvestResult> endpoint) {
        try {
            return endpoint.get();
        } catch (HarvestException e) {
            return e.toResult();
        } catch (SandboxJson.MalformedJsonException e) {
            return HarvestException.message(400, e.getMessage()).toResult();
        }
    }

    static HttpResponse<byte[]> respond(HarvestResult result) {
        MutableHttpResponse<byte[]> response = HttpResponse.<byte[]>status(HttpStatus.valueOf(result.status()))
                .contentType(JSON)
                // A 204 has no body (it was sent the four bytes "null").
                .body(result.body() == null ? new byte[0] : RubyJson.bytes(result.body()));
        result.headers().forEach(response::header);
        return response;
    }
}
