package io.atsbridge.gateway.http;

import io.atsbridge.gateway.domain.PeerHealth;
import io.atsbridge.gateway.domain.PeerReadiness;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The gateway's probes. {@code GET /health} is readiness: 200 only when every service the gateway calls
 * answers SERVING and accepts the gateway's token with the roles it needs there, else 503 (so a load
 * balancer stops sending webhooks the gateway could not store), saying for each service what is wrong.
 * {@code GET /health/live} is liveness: 200 while the gateway's process serves HTTP, without asking
 * anything else, so that an outage behind the gateway does not get it restarted.
 */
@Controller
final class HealthController {

    private final PeerHealth peerHealth;

    HealthController(PeerHealth peerHealth) {
        this.peerHealth = peerHealth;
    }

    /** The body of {@code GET /health}: {@code UP} or {@code DOWN}, and each called service by name. */
    @Serdeable
    record Readiness(String status, Map<String, Peer> peers) {
    }

    /**
     * One service in {@code GET /health}.
     *
     * @param status       READY, UNREACHABLE, NOT_SERVING, TOKEN_REFUSED, ROLE_MISSING or ACCESS_CHECK_FAILED
     * @param detail       what is wrong and which setting fixes it; absent when ready
     * @param missingRoles the roles the gateway's token lacks there; absent unless ROLE_MISSING
     */
    @Serdeable
    record Peer(String status, @Nullable String detail, @Nullable List<String> missingRoles) {
    }

    /** The body of {@code GET /health/live}. */
    @Serdeable
    record Liveness(String status) {
    }

    @Get(uri = "/health", produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    HttpResponse<Readiness> readiness() {
        PeerHealth.Readiness readiness = peerHealth.check();
        Map<String, Peer> peers = new LinkedHashMap<>();
        for (PeerReadiness peer : readiness.peers()) {
            peers.put(peer.peer(), new Peer(peer.state().name(), peer.detail().isEmpty() ? null : peer.detail(),
                    peer.missingRoles().isEmpty() ? null : peer.missingRoles()));
        }
        return HttpResponse.status(readiness.isReady() ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
                .body(new Readiness(readiness.isReady() ? "UP" : "DOWN", peers));
    }

    @Get(uri = "/health/live", produces = MediaType.APPLICATION_JSON)
    Liveness liveness() {
        return new Liveness("UP");
    }
}
