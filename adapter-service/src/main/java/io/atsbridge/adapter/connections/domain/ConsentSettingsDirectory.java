package io.atsbridge.adapter.connections.domain;

import jakarta.inject.Singleton;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The {@link ConsentSettings} each declared connection has, by connection id; the defaults for any other. */
@Singleton
public final class ConsentSettingsDirectory {

    private final Map<String, ConsentSettings> byConnection = new ConcurrentHashMap<>();

    /** Replaces what the connection declares (configuration checked at start-up). */
    public void declare(String connectionId, ConsentSettings settings) {
        byConnection.put(connectionId, settings);
    }

    /** What the connection declared, else {@link ConsentSettings#DEFAULTS}. */
    public ConsentSettings of(String connectionId) {
        return byConnection.getOrDefault(connectionId, ConsentSettings.DEFAULTS);
    }
}
