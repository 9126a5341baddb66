package io.atsbridge.gateway.config;

import io.atsbridge.platform.client.PeerConfiguration;
import io.atsbridge.platform.startup.MissingConfigurationException;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Checks at start-up that the gateway can reach what it fronts: every webhook it accepts goes to
 * adapter-service, so without the adapter's address or a token to call it with, it must not start.
 */
@Context
public final class GatewaySettings {

    /** The services the gateway reports on in {@code GET /health}; adapter is required. */
    public static final List<String> PEERS = List.of("identity", "mapping", "consent", "audit", "adapter");

    private final Map<String, PeerConfiguration> peers;

    GatewaySettings(List<PeerConfiguration> peers, @Nullable @Value("${atsbridge.client.token:}") String clientToken) {
        this.peers = peers.stream().collect(Collectors.toMap(PeerConfiguration::getName, Function.identity()));
        PeerConfiguration adapter = this.peers.get("adapter");
        if (adapter == null || adapter.getAddress() == null || adapter.getAddress().isBlank()) {
            throw new MissingConfigurationException(
                    "no adapter-service address: set ATSBRIDGE_PEERS_ADAPTER_ADDRESS (host:port)");
        }
        if (clientToken == null || clientToken.isBlank()) {
            throw new MissingConfigurationException(
                    "no token for calling adapter-service: set ATSBRIDGE_CLIENT_TOKEN");
        }
    }

    /** The configured peers by name (only those with an address). */
    public Map<String, PeerConfiguration> peers() {
        return peers.entrySet().stream()
                .filter(e -> e.getValue().getAddress() != null && !e.getValue().getAddress().isBlank())
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
