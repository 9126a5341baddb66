package io.atsbridge.gateway.http;

import io.atsbridge.gateway.domain.PeerHealth;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;

import java.util.Map;

/**
 * {@code GET /health}: 200 when the gateway and every service behind it answer SERVING, else 503
 * (so a load balancer stops sending webhooks the gateway could not store), with each service's status.
 */
@Controller
final class HealthController {

    private final PeerHealth peerHealth;

    HealthController(PeerHealth peerHealth) {
        this.peerHealth = peerHealth;
    }

    /** The body of {@code GET /health}. */
    @Serdeable
    record Health(String status, Map<String, String> services) {
    }

    @Get(uri = "/health", produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    HttpResponse<Health> health() {
        Map<String, String> services = peerHealth.check();
        boolean up = services.values().stream().allMatch("SERVING"::equals);
        return HttpResponse.status(up ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
                .body(new Health(up ? "UP" : "DOWN", services));
    }
}
