package io.atsbridge.audit.domain;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * RFC 6962's Merkle tree hash written straight from the RFC (section 2.1), recursively and with its
 * own SHA-256 calls, to check the service's incremental computation against something independent.
 */
public final class ReferenceMerkle {

    private ReferenceMerkle() {
    }

    /** MTH(D[n]) over the given leaf hashes. */
    public static byte[] root(List<byte[]> leafHashes) {
        int n = leafHashes.size();
        if (n == 0) {
            return sha256(new byte[0]);
        }
        if (n == 1) {
            return leafHashes.get(0);
        }
        // k is the largest power of two smaller than n.
        int k = Integer.highestOneBit(n - 1);
        return sha256(new byte[] {1}, root(leafHashes.subList(0, k)), root(leafHashes.subList(k, n)));
    }

    /** SHA-256(0x00 || data). */
    public static byte[] leafHash(byte[] data) {
        return sha256(new byte[] {0}, data);
    }

    public static byte[] sha256(byte[]... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (byte[] part : parts) {
                digest.update(part);
            }
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
