package io.atsbridge.identity.domain;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;

/**
 * One external id linked to a canonical record.
 *
 * @param id            the link's number; links made later have larger numbers, so pages are cut by it
 * @param ref           the external id
 * @param entityId      the canonical candidate, application or requisition the external id names
 * @param candidateId   the canonical candidate, for candidate and application links; null for others
 * @param applicationId the canonical application, for application links; null for others
 * @param createTime    when the link was made
 */
public record ExternalLink(
        long id,
        ExternalId ref,
        String entityId,
        @Nullable String candidateId,
        @Nullable String applicationId,
        Instant createTime) {
}
