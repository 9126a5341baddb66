package io.atsbridge.adapter.connections.domain;

import io.micronaut.core.annotation.Nullable;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A connection as configuration declares it, already validated, secrets in plain text. It lives only
 * in memory at start-up; {@link #toString()} never prints the secrets.
 *
 * @param webhookSecrets      the active webhook secrets that verify any event; empty when the vendor signs each
 *                            event type with its own secret (Lever)
 * @param webhookEventSecrets the active secrets that verify one event type each, by the vendor's event name
 *                            (Lever's signature tokens, one per webhook); at least one secret of either kind
 * @param credentials    the vendor API credentials (e.g. an API key), or null when there are none
 * @param sync           how the loop runs for an ATS connection, or null when it only receives
 * @param apiVersion     the vendor API version spoken, e.g. {@code v3} (Greenhouse Harvest) or {@code v1}
 * @param tokenUrl       where OAuth client-credentials tokens are fetched (Harvest v3), or null
 */
public record ConnectionDeclaration(
        String id,
        String tenantId,
        Vendor vendor,
        ConnectionKind kind,
        String displayName,
        String baseUrl,
        boolean enabled,
        List<String> webhookSecrets,
        Map<String, List<String>> webhookEventSecrets,
        @Nullable String credentials,
        @Nullable SyncSettings sync,
        String apiVersion,
        @Nullable String tokenUrl) {

    /** Connection ids: lower-case letters, digits and '-', 1..100 characters, starting with a letter or digit. */
    public static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,99}");

    public ConnectionDeclaration {
        webhookSecrets = List.copyOf(webhookSecrets);
        Map<String, List<String>> byEvent = new LinkedHashMap<>();
        webhookEventSecrets.forEach((event, secrets) -> byEvent.put(event, List.copyOf(secrets)));
        webhookEventSecrets = Collections.unmodifiableMap(byEvent);
    }

    /** How many secrets of both kinds are active. */
    public int secretCount() {
        return webhookSecrets.size() + webhookEventSecrets.values().stream().mapToInt(List::size).sum();
    }

    @Override
    public String toString() {
        return "ConnectionDeclaration[" + id + ", tenant " + tenantId + ", " + vendor + ", " + kind + ", enabled "
                + enabled + ", " + webhookSecrets.size() + " webhook secret(s)"
                + (webhookEventSecrets.isEmpty() ? "" : ", webhook event secrets for " + webhookEventSecrets.keySet())
                + ", credentials "
                + (credentials == null ? "none" : "set") + (sync == null ? "" : ", sync " + sync) + "]";
    }
}
