package io.atsbridge.adapter.connections.domain;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;

/**
 * One tenant's link to one vendor account, as callers may see it: without its secrets.
 *
 * @param id                 globally unique, used in webhook URLs, e.g. {@code gh-acme}
 * @param webhookSecretCount how many webhook secrets are active (more than one during rotation)
 * @param hasCredentials     whether API credentials are stored
 * @param sync               how the loop runs for this ATS connection, or null when it only receives
 * @param apiVersion         the vendor API version spoken, e.g. {@code v3} for Greenhouse Harvest v3
 * @param tokenUrl           the OAuth token endpoint for client-credentials APIs (Harvest v3), or null
 */
public record Connection(
        String id,
        String tenantId,
        Vendor vendor,
        ConnectionKind kind,
        String displayName,
        String baseUrl,
        boolean enabled,
        int webhookSecretCount,
        boolean hasCredentials,
        Instant createTime,
        Instant updateTime,
        @Nullable SyncSettings sync,
        String apiVersion,
        @Nullable String tokenUrl) {
}
