package io.atsbridge.adapter.connections.domain;

import jakarta.inject.Singleton;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The {@link ScreenTriggers} each declared connection has, by connection id; {@link ScreenTriggers#DEFAULT} for any other. */
@Singleton
public final class ScreenTriggersDirectory {

    private final Map<String, ScreenTriggers> byConnection = new ConcurrentHashMap<>();

    /** Replaces what the connection declares (configuration checked at start-up). */
    public void declare(String connectionId, ScreenTriggers triggers) {
        byConnection.put(connectionId, triggers);
    }

    /** What the connection declared, else {@link ScreenTriggers#DEFAULT}. */
    public ScreenTriggers of(String connectionId) {
        return byConnection.getOrDefault(connectionId, ScreenTriggers.DEFAULT);
    }
}
