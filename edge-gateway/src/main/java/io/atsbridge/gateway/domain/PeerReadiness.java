package io.atsbridge.gateway.domain;

import java.util.List;
import java.util.Objects;

/**
 * Whether one service the gateway calls is ready for the gateway's calls, and if not, what is wrong and
 * what to do. Never contains the token.
 *
 * @param peer         the service's name in {@code atsbridge.peers}, e.g. {@code adapter}
 * @param state        what the checks found
 * @param detail       one sentence for an operator: what is wrong and which setting fixes it; empty when ready
 * @param missingRoles the roles the gateway's token lacks there (only for {@link PeerState#ROLE_MISSING})
 */
public record PeerReadiness(String peer, PeerState state, String detail, List<String> missingRoles) {

    public PeerReadiness {
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(detail, "detail");
        missingRoles = List.copyOf(missingRoles);
    }

    /** A peer that is ready. */
    public static PeerReadiness ready(String peer) {
        return new PeerReadiness(peer, PeerState.READY, "", List.of());
    }

    /** A peer that is not ready, for a reason other than a missing role. */
    public static PeerReadiness notReady(String peer, PeerState state, String detail) {
        return new PeerReadiness(peer, state, detail, List.of());
    }

    /** Whether the gateway's calls to this peer can succeed. */
    public boolean isReady() {
        return state == PeerState.READY;
    }
}
