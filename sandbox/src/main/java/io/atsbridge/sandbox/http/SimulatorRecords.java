package io.atsbridge.sandbox.http;

import java.util.Map;

/**
 * Lookups of the records a simulator's own data names: an application's candidate and job, a note's author, a tag
 * id in a candidate's list. They exist by construction (the simulators never delete what another record names), so
 * a missing one is a bug in the simulator, reported as such rather than as a NullPointerException further on.
 */
public final class SimulatorRecords {

    private SimulatorRecords() {
    }

    /**
     * The record under {@code key}.
     *
     * @param kind what the records are, for the message (e.g. "job")
     * @throws IllegalStateException when there is none
     */
    public static <K, V> V existing(Map<K, V> records, K key, String kind) {
        V value = records.get(key);
        if (value == null) {
            throw new IllegalStateException("the simulator's data names " + kind + " " + key + ", which it does not hold");
        }
        return value;
    }
}
