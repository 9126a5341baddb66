package io.atsbridge.gateway.config;

import io.atsbridge.platform.client.ClientSettings;
import io.atsbridge.platform.client.PeerConfiguration;
import io.atsbridge.platform.startup.MissingConfigurationException;
import io.micronaut.context.annotation.Context;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The services the gateway calls, checked at start-up: every webhook it accepts goes to adapter-service,
 * so without the adapter's address or a token to call it with, it must not start.
 */
@Context
public final class CalledPeers {

    /**
     * Every service the gateway calls, with the roles its calls need there: adapter-service, whose
     * {@code LookupWebhookConnection} needs role {@code gateway}. {@code GET /health} asks each of them.
     */
    public static final List<CalledPeer> CALLED_PEERS = List.of(
            new CalledPeer("adapter", "adapter-service", List.of("gateway")));

    private final Map<String, PeerConfiguration> peers;

    CalledPeers(List<PeerConfiguration> peers, ClientSettings client) {
        Map<String, PeerConfiguration> configured = peers.stream()
                .collect(Collectors.toMap(PeerConfiguration::name, Function.identity()));
        for (CalledPeer peer : CALLED_PEERS) {
            PeerConfiguration configuration = configured.get(peer.name());
            if (configuration == null || configuration.address() == null || configuration.address().isBlank()) {
                throw new MissingConfigurationException("no " + peer.service() + " address: set "
                        + peer.addressVariable() + " (host:port)");
            }
        }
        if (client.tokenOrNull() == null) {
            throw new MissingConfigurationException(
                    "no token for calling adapter-service: set ATSBRIDGE_CLIENT_TOKEN");
        }
        this.peers = configured;
    }

    /** Where a called peer listens ({@code host:port}); every called peer has one, or the gateway did not start. */
    public String address(CalledPeer peer) {
        PeerConfiguration configuration = Objects.requireNonNull(peers.get(peer.name()), "checked at start-up");
        return Objects.requireNonNull(configuration.address(), "checked at start-up");
    }

    /**
     * A service the gateway calls.
     *
     * @param name          its name in {@code atsbridge.peers}, e.g. {@code adapter}
     * @param service       the service's own name, e.g. {@code adapter-service}
     * @param requiredRoles the roles the gateway's token must hold there
     */
    public record CalledPeer(String name, String service, List<String> requiredRoles) {

        public CalledPeer {
            requiredRoles = List.copyOf(requiredRoles);
        }

        /** The environment variable that sets its address, e.g. {@code ATSBRIDGE_PEERS_ADAPTER_ADDRESS}. */
        public String addressVariable() {
            return "ATSBRIDGE_PEERS_" + name.toUpperCase(Locale.ROOT).replace('-', '_') + "_ADDRESS";
        }
    }
}
