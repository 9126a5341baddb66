package io.atsbridge.sandbox.greenhouse;

import io.atsbridge.sandbox.http.SandboxJson;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;

import java.time.Instant;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Harvest v3 over HTTP under {@code /greenhouse/v3}: maps each route to {@link HarvestV3Api}. The Bearer
 * token was checked by {@link HarvestGate}; its {@code sub} is the acting user (v3 has no On-Behalf-Of).
 * Every write enters the simulator's write log with that user in {@link HarvestWrite#onBehalfOf()}.
 */
@Controller(GreenhouseRoutes.BASE + "/v3")
@Consumes(MediaType.ALL)
final class HarvestV3Controller {

    private final HarvestV3Api api;
    private final GreenhouseSimulator sim;

    HarvestV3Controller(HarvestV3Api api, GreenhouseSimulator sim) {
        this.api = api;
        this.sim = sim;
    }

    @Get("/applications")
    HttpResponse<byte[]> listApplications(HttpRequest<?> request) {
        return read(() -> api.listApplications(HarvestController.selfUrl(request, "/v3/applications"), request.getParameters().asMap()));
    }

    @Patch("/applications/{id}")
    HttpResponse<byte[]> patchApplication(HttpRequest<?> request, @PathVariable String id, @Nullable @Body String body) {
        return write(request, body, user -> api.patchApplication(id, SandboxJson.parse(body)));
    }

    @Post("/applications/{id}/move")
    HttpResponse<byte[]> moveApplication(HttpRequest<?> request, @PathVariable String id, @Nullable @Body String body) {
        return write(request, body, user -> api.moveApplication(id, SandboxJson.parse(body), user));
    }

    @Get("/application_stages")
    HttpResponse<byte[]> listApplicationStages(HttpRequest<?> request) {
        return read(() -> api.listApplicationStages(HarvestController.selfUrl(request, "/v3/application_stages"),
                request.getParameters().asMap()));
    }

    @Post("/attachments")
    HttpResponse<byte[]> addAttachment(HttpRequest<?> request, @Nullable @Body String body) {
        return write(request, body, user -> api.addAttachment(SandboxJson.parse(body), user));
    }

    @Get("/candidate_tags")
    HttpResponse<byte[]> listCandidateTags(HttpRequest<?> request) {
        return read(() -> api.listCandidateTags(HarvestController.selfUrl(request, "/v3/candidate_tags"),
                request.getParameters().asMap()));
    }

    @Post("/candidate_tags")
    HttpResponse<byte[]> addCandidateTag(HttpRequest<?> request, @Nullable @Body String body) {
        return write(request, body, user -> api.addCandidateTag(SandboxJson.parse(body)));
    }

    @Get("/applied_candidate_tags")
    HttpResponse<byte[]> listAppliedCandidateTags(HttpRequest<?> request) {
        return read(() -> api.listAppliedCandidateTags(HarvestController.selfUrl(request, "/v3/applied_candidate_tags"),
                request.getParameters().asMap()));
    }

    @Post("/applied_candidate_tags")
    HttpResponse<byte[]> applyCandidateTag(HttpRequest<?> request, @Nullable @Body String body) {
        return write(request, body, user -> api.applyCandidateTag(SandboxJson.parse(body)));
    }

    @Get("/candidates")
    HttpResponse<byte[]> listCandidates(HttpRequest<?> request) {
        return read(() -> api.listCandidates(HarvestController.selfUrl(request, "/v3/candidates"), request.getParameters().asMap()));
    }

    @Patch("/candidates/{id}")
    HttpResponse<byte[]> patchCandidate(HttpRequest<?> request, @PathVariable String id, @Nullable @Body String body) {
        return write(request, body, user -> api.patchCandidate(id, SandboxJson.parse(body)));
    }

    @Get("/notes")
    HttpResponse<byte[]> listNotes(HttpRequest<?> request) {
        return read(() -> api.listNotes(HarvestController.selfUrl(request, "/v3/notes"), request.getParameters().asMap()));
    }

    @Post("/notes")
    HttpResponse<byte[]> addNote(HttpRequest<?> request, @Nullable @Body String body) {
        return write(request, body, user -> api.addNote(SandboxJson.parse(body), user));
    }

    @Get("/jobs")
    HttpResponse<byte[]> listJobs(HttpRequest<?> request) {
        return read(() -> api.listJobs(HarvestController.selfUrl(request, "/v3/jobs"), request.getParameters().asMap()));
    }

    @Get("/job_interview_stages")
    HttpResponse<byte[]> listJobInterviewStages(HttpRequest<?> request) {
        return read(() -> api.listJobInterviewStages(HarvestController.selfUrl(request, "/v3/job_interview_stages"),
                request.getParameters().asMap()));
    }

    @Get("/custom_fields")
    HttpResponse<byte[]> listCustomFields(HttpRequest<?> request) {
        return read(() -> api.listCustomFields(HarvestController.selfUrl(request, "/v3/custom_fields"), request.getParameters().asMap()));
    }

    @Get("/custom_field_options")
    HttpResponse<byte[]> listCustomFieldOptions(HttpRequest<?> request) {
        return read(() -> api.listCustomFieldOptions(HarvestController.selfUrl(request, "/v3/custom_field_options"),
                request.getParameters().asMap()));
    }

    private static HttpResponse<byte[]> read(Supplier<HarvestResult> endpoint) {
        return respond(HarvestController.run(endpoint));
    }

    /** A write by the token's user; enters the write log whatever its outcome. */
    private HttpResponse<byte[]> write(HttpRequest<?> request, @Nullable String body,
                                       Function<GreenhouseUser, HarvestResult> endpoint) {
        HarvestOAuth.Grant grant = request.getAttribute(HarvestGate.GRANT, HarvestOAuth.Grant.class).orElseThrow(() ->
                new IllegalStateException("v3 request without a checked token: HarvestGate did not run"));
        HarvestResult result = sim.user(grant.userId())
                .map(user -> HarvestController.run(() -> endpoint.apply(user)))
                .orElseGet(() -> HarvestException.message(403, "the token's user " + grant.userId()
                        + " no longer exists in this organization").toResult());
        String path = request.getPath().substring(GreenhouseRoutes.BASE.length());
        sim.recordWrite(new HarvestWrite(request.getMethodName(), path, body, Long.toString(grant.userId()),
                result.status(), Instant.now()));
        return respond(result);
    }

    private static HttpResponse<byte[]> respond(HarvestResult result) {
        if (result.body() == null) {
            MutableHttpResponse<byte[]> empty = HttpResponse.status(HttpStatus.valueOf(result.status()));
            result.headers().forEach(empty::header);
            return empty;
        }
        return HarvestController.respond(result);
    }
}
