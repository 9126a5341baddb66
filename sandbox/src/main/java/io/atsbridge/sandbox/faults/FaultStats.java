package io.atsbridge.sandbox.faults;

import java.util.EnumMap;
import java.util.Map;

/**
 * What one path prefix saw since start (or the last {@link VendorFaults#resetStats()}).
 *
 * @param requests every request to the prefix, faulted or not
 * @param faults   faults injected, by kind (kinds never injected are absent)
 */
public record FaultStats(long requests, Map<FaultKind, Long> faults) {

    public FaultStats {
        faults = faults.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(faults));
    }

    /** How many faults of this kind were injected. */
    public long faults(FaultKind kind) {
        return faults.getOrDefault(kind, 0L);
    }

    /** How many requests were faulted in any way that kept them from the endpoint (latency excluded). */
    public long refused() {
        return faults.entrySet().stream().filter(e -> e.getKey() != FaultKind.LATENCY).mapToLong(Map.Entry::getValue).sum();
    }
}
