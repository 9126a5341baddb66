package io.atsbridge.audit.domain;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The hashes of an RFC 6962 (Certificate Transparency) Merkle tree over SHA-256. The one-byte
 * prefixes keep a leaf from ever being mistaken for an interior node (RFC 6962 section 2.1).
 */
public final class MerkleHash {

    /** The length of every hash, in bytes. */
    public static final int LENGTH = 32;

    private static final byte LEAF_PREFIX = 0x00;
    private static final byte NODE_PREFIX = 0x01;
    private static final byte[] EMPTY_ROOT = sha256().digest();

    private MerkleHash() {
    }

    /** The leaf hash: SHA-256(0x00 || data). */
    public static byte[] leaf(byte[] data) {
        MessageDigest digest = sha256();
        digest.update(LEAF_PREFIX);
        digest.update(data);
        return digest.digest();
    }

    /** The interior node hash: SHA-256(0x01 || left || right). */
    public static byte[] node(byte[] left, byte[] right) {
        MessageDigest digest = sha256();
        digest.update(NODE_PREFIX);
        digest.update(left);
        digest.update(right);
        return digest.digest();
    }

    /** The root of the empty tree: SHA-256 of the empty string. */
    public static byte[] emptyRoot() {
        return EMPTY_ROOT.clone();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform must provide SHA-256 (MessageDigest Javadoc); this cannot happen.
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
