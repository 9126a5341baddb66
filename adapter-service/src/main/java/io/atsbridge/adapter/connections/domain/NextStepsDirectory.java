package io.atsbridge.adapter.connections.domain;

import jakarta.inject.Singleton;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The {@link NextSteps} each declared connection has, by connection id; {@link NextSteps#DEFAULT} for any other. */
@Singleton
public final class NextStepsDirectory {

    private final Map<String, NextSteps> byConnection = new ConcurrentHashMap<>();

    /** Replaces what the connection declares (configuration checked at start-up). */
    public void declare(String connectionId, NextSteps steps) {
        byConnection.put(connectionId, steps);
    }

    /** What the connection declared, else {@link NextSteps#DEFAULT}. */
    public NextSteps of(String connectionId) {
        return byConnection.getOrDefault(connectionId, NextSteps.DEFAULT);
    }
}
