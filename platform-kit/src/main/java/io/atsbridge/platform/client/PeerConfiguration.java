package io.atsbridge.platform.client;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * Where another atsbridge service listens, {@code atsbridge.peers.<name>.*}. From the environment:
 * {@code ATSBRIDGE_PEERS_IDENTITY_ADDRESS=identity:9101}.
 *
 * @param name     the peer's name, e.g. {@code identity}
 * @param address  {@code host:port}; none when not configured (the caller says what to set when it needs it)
 * @param deadline how long each call may take
 */
@EachProperty("atsbridge.peers")
public record PeerConfiguration(
        @Parameter String name,
        @Nullable String address,
        @Bindable(defaultValue = "5s") Duration deadline) {
}
