package io.atsbridge.gateway.grpc;

import io.atsbridge.gateway.config.CalledPeers.CalledPeer;
import io.atsbridge.gateway.domain.PeerProbe;
import io.atsbridge.gateway.domain.PeerReadiness;
import io.atsbridge.gateway.domain.PeerState;
import io.atsbridge.platform.client.PeerChannels;
import io.atsbridge.platform.error.GrpcErrors;
import io.atsbridge.platform.health.HealthNames;
import io.atsbridge.proto.access.v1.AccessServiceGrpc;
import io.atsbridge.proto.access.v1.CheckAccessRequest;
import io.atsbridge.proto.access.v1.CheckAccessResponse;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import jakarta.inject.Singleton;

import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Asks a peer over the very channel the gateway's calls take (so with the gateway's token): first standard
 * health for readiness ({@code ""}), then {@code atsbridge.access.v1.AccessService/CheckAccess} naming the
 * roles the gateway needs there. Each call has a 1 s deadline, so a hung peer makes {@code GET /health} fail
 * fast rather than hang. Details name the gRPC code and the setting to check, never the token or the
 * peer's address (the body of {@code GET /health} is served on the public port; the log has the address).
 */
@Singleton
final class GrpcPeerProbe implements PeerProbe {

    private static final long DEADLINE_MILLIS = 1_000;

    private final PeerChannels channels;

    GrpcPeerProbe(PeerChannels channels) {
        this.channels = channels;
    }

    @Override
    public PeerReadiness probe(CalledPeer peer) {
        try {
            ServingStatus status = channels.stub(peer.name(), HealthGrpc::newBlockingStub)
                    .withDeadlineAfter(DEADLINE_MILLIS, TimeUnit.MILLISECONDS)
                    .check(HealthCheckRequest.newBuilder().setService(HealthNames.READINESS).build())
                    .getStatus();
            if (status != ServingStatus.SERVING) {
                return PeerReadiness.notReady(peer.name(), PeerState.NOT_SERVING, peer.service() + " answers " + status
                        + ": it is starting, stopping or cannot reach its database; see its log");
            }
        } catch (StatusRuntimeException e) {
            return unreachable(peer, e);
        }
        CheckAccessResponse access;
        try {
            access = channels.stub(peer.name(), AccessServiceGrpc::newBlockingStub)
                    .withDeadlineAfter(DEADLINE_MILLIS, TimeUnit.MILLISECONDS)
                    .checkAccess(CheckAccessRequest.newBuilder().addAllRequiredRoles(peer.requiredRoles()).build());
        } catch (StatusRuntimeException e) {
            return switch (e.getStatus().getCode()) {
                case UNAUTHENTICATED -> PeerReadiness.notReady(peer.name(), PeerState.TOKEN_REFUSED,
                        peer.service() + " refuses the gateway's token (" + reason(e) + "): set ATSBRIDGE_CLIENT_TOKEN to "
                                + "a token " + peer.service() + " is configured with (its ATSBRIDGE_AUTH_TOKENS_<CALLER>_SECRET)");
                case UNAVAILABLE, DEADLINE_EXCEEDED -> unreachable(peer, e);
                default -> PeerReadiness.notReady(peer.name(), PeerState.ACCESS_CHECK_FAILED,
                        peer.service() + " could not check the gateway's token (" + reason(e) + "); "
                                + "is it a version that hosts atsbridge.access.v1.AccessService? See its log");
            };
        }
        if (access.getMissingRolesCount() > 0) {
            String roles = String.join(", ", access.getMissingRolesList());
            return new PeerReadiness(peer.name(), PeerState.ROLE_MISSING, "the gateway's token (caller '"
                    + access.getCallerName() + "') lacks role " + roles + " on " + peer.service() + ": add it to "
                    + rolesVariable(access.getCallerName()) + " there", access.getMissingRolesList());
        }
        return PeerReadiness.ready(peer.name());
    }

    private PeerReadiness unreachable(CalledPeer peer, StatusRuntimeException e) {
        // A peer that came back should be seen by the next check, not after gRPC's reconnect backoff.
        channels.reconnectNow(peer.name());
        return PeerReadiness.notReady(peer.name(), PeerState.UNREACHABLE, peer.service() + " did not answer ("
                + e.getStatus().getCode() + "): check that it runs and that " + peer.addressVariable() + " points at it");
    }

    private static String reason(StatusRuntimeException e) {
        Status.Code code = e.getStatus().getCode();
        return GrpcErrors.errorInfo(e).map(info -> code + " " + info.getReason()).orElse(code.toString());
    }

    /** The variable that sets a caller token's roles, e.g. {@code ATSBRIDGE_AUTH_TOKENS_EDGE_GATEWAY_ROLES}. */
    private static String rolesVariable(String callerName) {
        return "ATSBRIDGE_AUTH_TOKENS_" + callerName.toUpperCase(Locale.ROOT).replace('-', '_') + "_ROLES";
    }
}
