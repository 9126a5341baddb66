package io.atsbridge.platform.client;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import io.micronaut.core.annotation.Nullable;

import java.time.Duration;

/**
 * Where another atsbridge service listens, {@code atsbridge.peers.<name>.*}: {@code address}
 * ({@code host:port}) and {@code deadline} (per call, default 5s). From the environment:
 * {@code ATSBRIDGE_PEERS_IDENTITY_ADDRESS=identity:9101}.
 */
@EachProperty("atsbridge.peers")
public final class PeerConfiguration {

    private final String name;
    @Nullable
    private String address;
    private Duration deadline = Duration.ofSeconds(5);

    public PeerConfiguration(@Parameter String name) {
        this.name = name;
    }

    public String getName() {
        return name;
    }

    @Nullable
    public String getAddress() {
        return address;
    }

    public void setAddress(@Nullable String address) {
        this.address = address;
    }

    public Duration getDeadline() {
        return deadline;
    }

    public void setDeadline(Duration deadline) {
        this.deadline = deadline;
    }
}
