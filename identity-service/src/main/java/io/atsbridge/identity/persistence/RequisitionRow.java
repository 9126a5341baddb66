package io.atsbridge.identity.persistence;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** A canonical requisition, known so far only by its links. */
@MappedEntity("requisition")
record RequisitionRow(@Id String id, String tenantId, Instant createTime) {
}
