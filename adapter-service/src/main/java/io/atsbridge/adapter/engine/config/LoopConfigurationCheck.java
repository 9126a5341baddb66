package io.atsbridge.adapter.engine.config;

import io.atsbridge.adapter.connections.config.ConnectionProperties;
import io.atsbridge.adapter.engine.sync.LoopPeers;
import io.micronaut.context.annotation.Context;

import java.util.List;

/**
 * Refuses to start, with one line, when a connection runs the loop but the services the loop calls
 * (identity, consent, mapping, audit) have no address or there is no client token to call them with —
 * rather than failing every event later. It lives with the configuration it reads, so that the engine
 * ({@code sync}) never depends on configuration's property classes: configuration wires the engine, not the
 * other way round.
 */
@Context
final class LoopConfigurationCheck {

    LoopConfigurationCheck(List<ConnectionProperties> connections, LoopPeers peers) {
        boolean loopRuns = connections.stream()
                .anyMatch(c -> c.triggerStage() != null && !c.triggerStage().isBlank());
        if (loopRuns) {
            peers.checkConfigured();
        }
    }
}
