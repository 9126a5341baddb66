package io.atsbridge.gateway.domain;

import io.atsbridge.gateway.config.GatewaySettings;
import io.atsbridge.platform.client.PeerConfiguration;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.NettyChannelBuilder;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Asks each service behind the gateway for its standard gRPC health ({@code grpc.health.v1}), with a
 * short deadline so a hung service makes {@code /health} fail fast rather than hang.
 */
@Singleton
public final class PeerHealth {

    private static final long DEADLINE_MILLIS = 1_000;

    private final GatewaySettings settings;
    private final Map<String, ManagedChannel> channels = new ConcurrentHashMap<>();

    PeerHealth(GatewaySettings settings) {
        this.settings = settings;
    }

    /** Each configured service's serving status name (SERVING, NOT_SERVING, UNREACHABLE, ...), by service. */
    public Map<String, String> check() {
        Map<String, String> statuses = new TreeMap<>();
        for (Map.Entry<String, PeerConfiguration> peer : settings.peers().entrySet()) {
            statuses.put(peer.getKey(), statusOf(peer.getKey(), peer.getValue().getAddress()));
        }
        return statuses;
    }

    private String statusOf(String name, String address) {
        ManagedChannel channel = channels.computeIfAbsent(name,
                n -> NettyChannelBuilder.forTarget(address).usePlaintext().build());
        try {
            HealthCheckResponse response = HealthGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(DEADLINE_MILLIS, TimeUnit.MILLISECONDS)
                    .check(HealthCheckRequest.newBuilder().setService("").build());
            return response.getStatus().name();
        } catch (StatusRuntimeException e) {
            return "UNREACHABLE";
        }
    }

    @PreDestroy
    void close() {
        channels.values().forEach(ManagedChannel::shutdownNow);
    }
}
