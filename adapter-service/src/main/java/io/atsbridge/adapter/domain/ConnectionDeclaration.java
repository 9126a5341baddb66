package io.atsbridge.adapter.domain;

import io.micronaut.core.annotation.Nullable;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A connection as configuration declares it, already validated, secrets in plain text. It lives only
 * in memory at start-up; {@link #toString()} never prints the secrets.
 *
 * @param webhookSecrets the active webhook secrets, at least one
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
        @Nullable String credentials,
        @Nullable SyncSettings sync,
        String apiVersion,
        @Nullable String tokenUrl) {

    /** Connection ids: lower-case letters, digits and '-', 1..100 characters, starting with a letter or digit. */
    public static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,99}");

    public ConnectionDeclaration {
        webhookSecrets = List.copyOf(webhookSecrets);
    }

    @Override
    public String toString() {
        return "ConnectionDeclaration[" + id + ", tenant " + tenantId + ", " + vendor + ", " + kind + ", enabled "
                + enabled + ", " + webhookSecrets.size() + " webhook secret(s), credentials "
                + (credentials == null ? "none" : "set") + (sync == null ? "" : ", sync " + sync) + "]";
    }
}
