package io.atsbridge.gateway.domain;

import io.atsbridge.gateway.config.CalledPeers;
import io.atsbridge.gateway.config.CalledPeers.CalledPeer;
import io.atsbridge.gateway.config.GatewaySettings;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The gateway's readiness: it is ready only when every service it calls ({@link CalledPeers#CALLED_PEERS})
 * answers SERVING and accepts the gateway's token with the roles its calls need. A result is reused for
 * {@code atsbridge.gateway.readiness.cache-for} (default 1 s), so that probes and load balancers asking
 * many times a second cost the services one check; requests arriving while a check runs wait for it.
 * A peer's change of state is logged once, with its address.
 */
@Singleton
public final class PeerHealth {

    private static final Logger LOG = LoggerFactory.getLogger(PeerHealth.class);

    private final CalledPeers settings;
    private final PeerProbe probe;
    private final long cacheForNanos;
    private final Map<String, PeerState> lastStates = new ConcurrentHashMap<>();

    @Nullable
    private volatile Checked last;

    PeerHealth(CalledPeers settings, PeerProbe probe, GatewaySettings gateway) {
        this.settings = settings;
        this.probe = probe;
        this.cacheForNanos = gateway.readiness().cacheFor().toNanos();
    }

    /** The outcome of one readiness check: each called peer in {@link CalledPeers#CALLED_PEERS} order. */
    public record Readiness(List<PeerReadiness> peers) {

        public Readiness {
            peers = List.copyOf(peers);
        }

        /** Whether the gateway can serve: every peer is ready. */
        public boolean isReady() {
            return peers.stream().allMatch(PeerReadiness::isReady);
        }
    }

    private record Checked(Readiness readiness, long atNanos) {
    }

    /** The current readiness, from the last check when it is recent enough. */
    public Readiness check() {
        Checked recent = last;
        if (recent != null && isFresh(recent)) {
            return recent.readiness();
        }
        synchronized (this) {
            recent = last;
            if (recent != null && isFresh(recent)) {
                return recent.readiness();
            }
            Readiness readiness = new Readiness(CalledPeers.CALLED_PEERS.stream().map(this::probe).toList());
            last = new Checked(readiness, System.nanoTime());
            return readiness;
        }
    }

    private boolean isFresh(Checked checked) {
        return System.nanoTime() - checked.atNanos() < cacheForNanos;
    }

    private PeerReadiness probe(CalledPeer peer) {
        PeerReadiness readiness = probe.probe(peer);
        PeerState previous = lastStates.put(peer.name(), readiness.state());
        if (previous != readiness.state()) {
            if (readiness.isReady()) {
                LOG.info("{} at {} is ready for the gateway's calls", peer.service(), settings.address(peer));
            } else {
                LOG.warn("{} at {} is not ready for the gateway's calls ({}): {}", peer.service(),
                        settings.address(peer), readiness.state(), readiness.detail());
            }
        }
        return readiness;
    }
}
