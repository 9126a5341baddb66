package io.atsbridge.audit.domain;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;

/**
 * The state of a tenant's log at one size.
 *
 * @param treeSize   the number of records in the log
 * @param rootHash   the RFC 6962 Merkle tree hash of all records; SHA-256 of the empty string when empty
 * @param updateTime when the log last grew; null while it is empty
 */
public record TreeHead(long treeSize, byte[] rootHash, @Nullable Instant updateTime) {
}
