package io.atsbridge.adapter.connections.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/**
 * A stored connection. {@code vendor} and {@code kind} hold the domain enum names;
 * {@code credentialsCiphertext} is sealed by the domain's secret cipher and null when there are no credentials.
 * The {@code sync*} columns are all null for a connection that only receives, else they hold its sync
 * settings; {@code syncJurisdictions} is a comma-separated list of codes, possibly empty. {@code apiVersion}
 * is null for rows stored before versions were recorded (read as the vendor's oldest supported version).
 */
@MappedEntity("connection")
public record ConnectionRow(
        @Id String id,
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
