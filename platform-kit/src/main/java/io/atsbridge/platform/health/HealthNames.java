package io.atsbridge.platform.health;

/**
 * The names every atsbridge gRPC service answers under standard health checking ({@code grpc.health.v1}),
 * for Kubernetes' native {@code grpc:} probes and anything else that asks.
 */
public final class HealthNames {

    /**
     * Readiness: the whole server ({@code ""}, what a probe asks when it names no service). SERVING once the
     * service has started and while its database answers; NOT_SERVING while the database does not, and from
     * shutdown on. Each hosted service's own name (e.g. {@code atsbridge.identity.v1.IdentityService}) follows it.
     */
    public static final String READINESS = "";

    /**
     * Liveness: SERVING from start to shutdown whatever the database does, so that a database outage takes
     * every replica out of rotation without having them all restarted.
     */
    public static final String LIVENESS = "liveness";

    private HealthNames() {
    }
}
