package io.atsbridge.audit.domain;

import java.util.List;

/**
 * That the tree of {@code secondSize} leaves with root {@code secondRoot} extends the tree of {@code firstSize}
 * leaves with root {@code firstRoot}: check with {@link ProofVerifier#verifyConsistency}.
 *
 * @param path the RFC 9162 consistency proof; empty when the first size is 0 or equals the second
 */
public record ConsistencyProof(long firstSize, long secondSize, byte[] firstRoot, byte[] secondRoot, List<byte[]> path) {

    public ConsistencyProof {
        path = List.copyOf(path);
    }
}
