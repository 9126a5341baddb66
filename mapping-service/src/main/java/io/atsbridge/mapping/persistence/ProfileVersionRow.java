package io.atsbridge.mapping.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/**
 * One immutable version of a mapping profile. {@code rules} holds the field mappings and the tag and
 * note rules as JSON; {@code requestId} is the upsert's idempotency key, or null when it had none.
 */
@MappedEntity("mapping_profile_version")
record ProfileVersionRow(
        @Id @GeneratedValue @Nullable Long id,
        String tenantId,
        String profileId,
        int version,
        String connectionId,
        String displayName,
        String rules,
        @Nullable String requestId,
        Instant createTime) {
}
