package io.atsbridge.identity.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/**
 * One external id linked to a canonical record ({@code entity_id}). {@code candidate_id} is set for
 * candidate and application links so a candidate's links can be listed in one query.
 */
@MappedEntity("external_link")
record ExternalLinkRow(
        @Id @GeneratedValue @Nullable Long id,
        String tenantId,
        String connectionId,
        String vendor,
        String externalKind,
        String externalId,
        String entityId,
        @Nullable String candidateId,
        @Nullable String applicationId,
        Instant createTime) {
}
