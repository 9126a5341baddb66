package io.atsbridge.adapter.connections.domain;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;

/**
 * A connection as {@link ConnectionStore} keeps it. {@code vendor} and {@code kind} hold the enum names;
 * {@code credentialsCiphertext} is sealed by {@link SecretCipher} and null when there are no credentials.
 * The {@code sync*} fields are all null for a connection that only receives, else they hold its sync
 * settings; {@code syncJurisdictions} is a comma-separated list of codes, possibly empty. {@code apiVersion}
 * is null for connections stored before versions were recorded (read as the vendor's oldest supported version).
 */
public record StoredConnection(
        String id,
        String tenantId,
        String vendor,
        String kind,
        String displayName,
        String baseUrl,
        boolean enabled,
        @Nullable byte[] credentialsCiphertext,
        Instant createTime,
        Instant updateTime,
        @Nullable String syncTriggerStage,
        @Nullable String syncMappingProfile,
        @Nullable String syncAiConnection,
        @Nullable String syncOnBehalfOf,
        @Nullable String syncInterviewKit,
        @Nullable String syncJurisdictions,
        @Nullable String syncJurisdictionField,
        @Nullable String apiVersion,
        @Nullable String tokenUrl) {
}
