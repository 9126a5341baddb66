package io.atsbridge.adapter.engine.domain;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The hosts an ATS's completion URLs may name, per assessment-partner connection: atsbridge calls such a URL
 * with the partner key, so it must never be a host a caller chose freely. Declared in configuration
 * ({@code atsbridge.connections.<id>.partner-completion-hosts}).
 */
public final class PartnerCompletionHosts {

    private final Map<String, List<String>> byConnection;

    /** The hosts of each connection id, compared without case and surrounding spaces. */
    public PartnerCompletionHosts(Map<String, List<String>> byConnection) {
        this.byConnection = byConnection.entrySet().stream().collect(Collectors.toUnmodifiableMap(Map.Entry::getKey,
                e -> e.getValue().stream().map(host -> host.trim().toLowerCase(Locale.ROOT)).toList()));
    }

    /** The hosts the connection's completion URLs may name; none when it declares none. */
    public List<String> of(String connectionId) {
        return byConnection.getOrDefault(connectionId, List.of());
    }
}
