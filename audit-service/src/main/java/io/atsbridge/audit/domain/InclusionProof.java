package io.atsbridge.audit.domain;

import java.util.List;

/**
 * That the leaf {@code leafHash} is leaf {@code sequence} of the tree of {@code treeSize} leaves with root
 * {@code rootHash}: check with {@link ProofVerifier#verifyInclusion}.
 *
 * @param path the RFC 9162 inclusion proof (audit path), from the leaf's sibling up
 */
public record InclusionProof(long sequence, long treeSize, byte[] leafHash, List<byte[]> path, byte[] rootHash) {

    public InclusionProof {
        path = List.copyOf(path);
    }
}
