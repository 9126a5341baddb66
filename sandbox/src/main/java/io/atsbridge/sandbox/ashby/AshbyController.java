package io.atsbridge.sandbox.ashby;

import io.atsbridge.sandbox.http.SandboxJson;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.time.Instant;

/**
 * Ashby's RPC-style API over HTTP: {@code POST /ashby/<method>} with a JSON body, answered by {@link AshbyApi};
 * every authenticated call enters the simulator's call log. Authentication and the rate limit happen before, in
 * {@link AshbyGate}. Methods run on the blocking executor: they wait for the simulator's lock, which has no
 * place on the event loop.
 */
@Controller(AshbyRoutes.BASE)
@ExecuteOn(TaskExecutors.BLOCKING)
@Consumes(MediaType.ALL)
final class AshbyController {

    private final AshbyApi api;
    private final AshbySimulator sim;

    AshbyController(AshbyApi api, AshbySimulator sim) {
        this.api = api;
        this.sim = sim;
    }

    @Post("/{method:" + AshbyRoutes.METHODS + "}")
    HttpResponse<byte[]> call(@PathVariable String method, @Nullable @Body String body) {
        AshbyApi.Answer answer = api.call(method, body);
        if (answer.status() == 404) {
            // Unknown methods answer like unknown paths (the sandbox's not-found handler renders the body).
            sim.recordCall(new AshbyApiCall(method, body, false, answer.errorCode(), Instant.now()));
            return HttpResponse.notFound();
        }
        sim.recordCall(new AshbyApiCall(method, body, answer.success(), answer.errorCode(), Instant.now()));
        return SandboxJson.answer(answer.status(), answer.body());
    }
}
