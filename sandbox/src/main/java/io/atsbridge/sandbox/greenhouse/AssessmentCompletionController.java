package io.atsbridge.sandbox.greenhouse;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;

/**
 * The completion URL Greenhouse gives in send_test ({@code PATCH https://app.greenhouse.io/integrations/
 * testing_partners/take_home_tests/{id}}, assessment {@code _patch_completed_test.md}), served under the sandbox's
 * Greenhouse base: HTTP Basic with the partner key, no body; Greenhouse then asks the partner's test_status.
 */
@Controller(GreenhouseRoutes.BASE + GreenhouseAssessments.COMPLETION_PATH)
@Consumes(MediaType.ALL)
final class AssessmentCompletionController {

    private final GreenhouseSimulator sim;

    AssessmentCompletionController(GreenhouseSimulator sim) {
        this.sim = sim;
    }

    @Patch("/{id}")
    HttpResponse<byte[]> completed(@PathVariable String id, @Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization) {
        int status = sim.assessments.completed(id, authorization);
        if (status == 401) {
            return HarvestGate.error(HttpStatus.UNAUTHORIZED, "Unsuccessful authentication with the provided API key")
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"Greenhouse\"");
        }
        if (status == 404) {
            return HarvestGate.error(HttpStatus.NOT_FOUND, "take home test " + id + " not found");
        }
        return HttpResponse.ok();
    }
}
