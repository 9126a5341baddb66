package io.atsbridge.identity.persistence;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** A canonical candidate. {@code jurisdictions} is a comma-separated list of jurisdiction codes. */
@MappedEntity("candidate")
record CandidateRow(
        @Id String id,
        String tenantId,
        String givenName,
        String familyName,
        String email,
        String phone,
        String jurisdictions,
        Instant createTime,
        Instant updateTime) {
}
