package io.atsbridge.sandbox.faults;

import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Fault injection for every simulated vendor on the sandbox's server, keyed by the path prefix the vendor
 * lives under ({@code /greenhouse}, {@code /lever}, {@code /ashby}, {@code /ai}). Requests are counted
 * for every prefix, configured or not. Thread-safe.
 *
 * <pre>{@code
 * sandbox.faults().on("/greenhouse").failFraction(0.2, 7);      // a fifth of requests 500/502/503
 * sandbox.faults().on("/ai").down(OutageMode.DROP_CONNECTION);   // until up()
 * sandbox.faults().on("/lever").rateLimitStorm(5, Duration.ofSeconds(2));
 * }</pre>
 */
@Singleton
public final class SandboxFaults {

    /** The prefixes of the simulators this sandbox serves or is meant to serve. */
    public static final List<String> KNOWN_PREFIXES = List.of("/greenhouse", "/lever", "/ashby", "/ai");

    private static final Pattern PREFIX = Pattern.compile("/[A-Za-z0-9_-]+");

    private final Map<String, VendorFaults> byPrefix = new ConcurrentHashMap<>();

    /**
     * The faults of the vendor under this prefix: one path segment such as {@code /greenhouse}.
     *
     * @throws IllegalArgumentException when the prefix is not a single path segment
     */
    public VendorFaults on(String prefix) {
        if (prefix == null || !PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("fault prefix: " + prefix
                    + " (expected: one path segment such as " + KNOWN_PREFIXES + ")");
        }
        return byPrefix.computeIfAbsent(prefix, VendorFaults::new);
    }

    /** Removes every fault setting of every prefix (counters stay). */
    public void clearAll() {
        byPrefix.values().forEach(VendorFaults::clear);
    }

    /** The faults of the prefix a request path falls under, e.g. {@code /greenhouse/v1/candidates} under {@code /greenhouse}. */
    VendorFaults forPath(String path) {
        int end = path.indexOf('/', 1);
        String first = end < 0 ? path : path.substring(0, end);
        return PREFIX.matcher(first).matches() ? on(first) : on("/_root");
    }
}
