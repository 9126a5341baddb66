package io.atsbridge.sandbox.lever;

import io.atsbridge.sandbox.http.AuthorizationHeader;
import io.atsbridge.sandbox.http.SandboxJson;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;

import java.time.Instant;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The Lever Data API v1 over HTTP: maps each route to {@link LeverApi}, reads {@code perform_as} on writes and
 * logs every write. Authentication and the rate limit happen before, in {@link LeverGate}.
 */
@Controller(LeverRoutes.BASE + "/v1")
@Consumes(MediaType.ALL)
final class LeverController {

    private final LeverApi api;
    private final LeverSimulator sim;

    LeverController(LeverApi api, LeverSimulator sim) {
        this.api = api;
        this.sim = sim;
    }

    @Get("/opportunities")
    HttpResponse<byte[]> listOpportunities(HttpRequest<?> request) {
        return read(request, () -> api.listOpportunities(request.getParameters().asMap(), access(request)));
    }

    @Get("/opportunities/{id}")
    HttpResponse<byte[]> getOpportunity(HttpRequest<?> request, @PathVariable String id) {
        return read(request, () -> api.getOpportunity(id, access(request), request.getParameters().asMap()));
    }

    @Get("/opportunities/{id}/applications")
    HttpResponse<byte[]> listApplications(HttpRequest<?> request, @PathVariable String id) {
        return read(request, () -> api.listApplications(id, access(request)));
    }

    @Get("/opportunities/{id}/notes")
    HttpResponse<byte[]> listNotes(HttpRequest<?> request, @PathVariable String id) {
        return read(request, () -> api.listNotes(id, request.getParameters().asMap(), access(request)));
    }

    @Post("/opportunities/{id}/notes")
    HttpResponse<byte[]> addNote(HttpRequest<?> request, @PathVariable String id, @Nullable @Body String body) {
        return write(request, body, performAs -> api.addNote(id, performAs, SandboxJson.parse(body), access(request)));
    }

    @Put("/opportunities/{id}/stage")
    HttpResponse<byte[]> changeStage(HttpRequest<?> request, @PathVariable String id, @Nullable @Body String body) {
        return write(request, body, performAs -> api.changeStage(id, performAs, SandboxJson.parse(body), access(request)));
    }

    @Put("/opportunities/{id}/archived")
    HttpResponse<byte[]> archive(HttpRequest<?> request, @PathVariable String id, @Nullable @Body String body) {
        return write(request, body, performAs -> api.archive(id, performAs, SandboxJson.parse(body), access(request)));
    }

    @Post("/opportunities/{id}/addTags")
    HttpResponse<byte[]> addTags(HttpRequest<?> request, @PathVariable String id, @Nullable @Body String body) {
        return write(request, body, performAs -> api.tags(id, performAs, SandboxJson.parse(body), true, access(request)));
    }

    @Post("/opportunities/{id}/removeTags")
    HttpResponse<byte[]> removeTags(HttpRequest<?> request, @PathVariable String id, @Nullable @Body String body) {
        return write(request, body, performAs -> api.tags(id, performAs, SandboxJson.parse(body), false, access(request)));
    }

    @Get("/contacts/{id}")
    HttpResponse<byte[]> getContact(HttpRequest<?> request, @PathVariable String id) {
        return read(request, () -> api.getContact(id));
    }

    @Get("/stages")
    HttpResponse<byte[]> listStages(HttpRequest<?> request) {
        return read(request, api::listStages);
    }

    @Get("/stages/{id}")
    HttpResponse<byte[]> getStage(HttpRequest<?> request, @PathVariable String id) {
        return read(request, () -> api.getStage(id));
    }

    @Get("/postings/{id}")
    HttpResponse<byte[]> getPosting(HttpRequest<?> request, @PathVariable String id) {
        return read(request, () -> api.getPosting(id, access(request)));
    }

    @Get("/archive_reasons")
    HttpResponse<byte[]> listArchiveReasons(HttpRequest<?> request) {
        return read(request, api::listArchiveReasons);
    }

    @Get("/users/{id}")
    HttpResponse<byte[]> getUser(HttpRequest<?> request, @PathVariable String id) {
        return read(request, () -> api.getUser(id));
    }

    /** The calling key's access ({@link LeverGate} has admitted the key already). */
    private LeverApi.Access access(HttpRequest<?> request) {
        String key = AuthorizationHeader.basicUser(request.getHeaders().get(HttpHeaders.AUTHORIZATION));
        return new LeverApi.Access(key != null && sim.apiKeys.getOrDefault(key, false));
    }

    private static HttpResponse<byte[]> read(HttpRequest<?> request, Supplier<LeverApi.Result> endpoint) {
        return respond(run(endpoint));
    }

    /** A write: attributed to {@code perform_as} when given, and logged whatever its outcome. */
    private HttpResponse<byte[]> write(HttpRequest<?> request, @Nullable String body,
                                       Function<String, LeverApi.Result> endpoint) {
        String performAs = LeverApi.param(request.getParameters().asMap(), "perform_as");
        LeverApi.Result result = run(() -> endpoint.apply(performAs));
        String path = request.getPath().substring(LeverRoutes.BASE.length());
        sim.recordWrite(new LeverWrite(request.getMethodName(), path, body, performAs, result.status(), Instant.now()));
        return respond(result);
    }

    private static LeverApi.Result run(Supplier<LeverApi.Result> endpoint) {
        try {
            return endpoint.get();
        } catch (LeverApiException e) {
            return new LeverApi.Result(e.status(), e.body());
        } catch (SandboxJson.MalformedJsonException e) {
            return new LeverApi.Result(400, LeverApiException.body("BadRequestError", e.getMessage()));
        }
    }

    private static HttpResponse<byte[]> respond(LeverApi.Result result) {
        return SandboxJson.answer(result.status(), result.body());
    }
}
