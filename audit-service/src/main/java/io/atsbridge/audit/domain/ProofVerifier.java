package io.atsbridge.audit.domain;

import java.security.MessageDigest;
import java.util.List;

/**
 * Checks inclusion and consistency proofs exactly as RFC 9162 section 2.1.3.2 and 2.1.4.2 describe, with nothing
 * but the proof, the sizes and the root hashes: what an outsider holding a signed head runs, and what the offline
 * verifier reuses. Every check answers false for a proof that does not prove its claim, including a malformed one
 * (wrong sizes, hashes that are not 32 bytes, too few or too many elements); it never throws.
 */
public final class ProofVerifier {

    private ProofVerifier() {
    }

    /**
     * Whether {@code path} proves that the leaf with hash {@code leafHash} is leaf {@code index} of the tree of
     * {@code size} leaves whose root is {@code root}.
     */
    public static boolean verifyInclusion(long index, long size, byte[] leafHash, List<byte[]> path, byte[] root) {
        if (index < 0 || index >= size || !isHash(leafHash) || !isHash(root) || !path.stream().allMatch(ProofVerifier::isHash)) {
            return false;
        }
        long fn = index;
        long sn = size - 1;
        byte[] r = leafHash;
        for (byte[] p : path) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = MerkleHash.node(p, r);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            } else {
                r = MerkleHash.node(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && MessageDigest.isEqual(r, root);
    }

    /**
     * Whether {@code path} proves that the tree of {@code second} leaves with root {@code secondRoot} extends the
     * tree of {@code first} leaves with root {@code firstRoot}: every leaf of the first is in the second, unchanged
     * and in the same place. Equal sizes need an empty path and equal roots; from the empty tree (size 0) any tree
     * is an extension and the path must be empty.
     */
    public static boolean verifyConsistency(long first, long second, byte[] firstRoot, byte[] secondRoot,
                                            List<byte[]> path) {
        if (first < 0 || first > second || !isHash(firstRoot) || !isHash(secondRoot)
                || !path.stream().allMatch(ProofVerifier::isHash)) {
            return false;
        }
        if (first == second) {
            return path.isEmpty() && MessageDigest.isEqual(firstRoot, secondRoot);
        }
        if (first == 0) {
            return path.isEmpty();
        }
        if (path.isEmpty()) {
            return false;
        }
        int next = 0;
        byte[] seed;
        if (Long.bitCount(first) == 1) {
            // An exact power of two: the old root is itself the first node of the path.
            seed = firstRoot;
        } else {
            seed = path.get(0);
            next = 1;
        }
        long fn = first - 1;
        long sn = second - 1;
        while ((fn & 1) == 1) {
            fn >>= 1;
            sn >>= 1;
        }
        byte[] fr = seed;
        byte[] sr = seed;
        for (int i = next; i < path.size(); i++) {
            byte[] c = path.get(i);
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = MerkleHash.node(c, fr);
                sr = MerkleHash.node(c, sr);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            } else {
                sr = MerkleHash.node(sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && MessageDigest.isEqual(fr, firstRoot) && MessageDigest.isEqual(sr, secondRoot);
    }

    private static boolean isHash(byte[] hash) {
        return hash != null && hash.length == MerkleHash.LENGTH;
    }
}
