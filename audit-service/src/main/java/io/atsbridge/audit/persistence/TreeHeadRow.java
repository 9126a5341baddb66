package io.atsbridge.audit.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;

import java.time.Instant;

/**
 * The current head of a tenant's log: its size, root, and frontier (the roots of the perfect
 * subtrees it is made of, largest first, as concatenated 32-byte hashes). {@code update_time} is
 * null until the log first grows. {@code node_size} is how many of its leaves have all their nodes in
 * {@code audit_tree_node}. Times are UTC, see {@link UtcDateTimeText}.
 */
@MappedEntity("tree_head")
record TreeHeadRow(
        @Id String tenantId,
        long treeSize,
        byte[] rootHash,
        byte[] frontier,
        @Nullable @MappedProperty(converter = UtcDateTimeText.class) Instant updateTime,
        long nodeSize) {
}
