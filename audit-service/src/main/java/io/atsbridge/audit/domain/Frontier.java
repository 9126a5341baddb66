package io.atsbridge.audit.domain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The compact state of an RFC 6962 Merkle tree that can still grow: its size and the roots of the
 * perfect subtrees it is made of, one per set bit of the size, largest first. A tree of 13 leaves
 * (binary 1101) is the subtrees of 8, 4 and 1 leaves. That is all an append needs: adding a leaf
 * merges equal-sized subtrees like the carry of a binary counter, and the tree's root is the fold
 * {@code H(1 || left || right)} over the subtree roots from the right, which is exactly RFC 6962's
 * MTH (its split point, the largest power of two below the size, is the first subtree's size).
 *
 * <p>Instances are immutable; {@link #append} returns the grown frontier.
 */
public final class Frontier {

    /** The frontier of the empty tree. */
    public static final Frontier EMPTY = new Frontier(0, List.of());

    private final long size;
    private final List<byte[]> subtreeRoots;

    private Frontier(long size, List<byte[]> subtreeRoots) {
        this.size = size;
        this.subtreeRoots = subtreeRoots;
    }

    /**
     * Reads a stored frontier: the subtree roots as concatenated 32-byte hashes, largest subtree first.
     *
     * @throws IllegalStateException when the bytes cannot be the frontier of a tree of this size
     */
    public static Frontier decode(long size, byte[] encoded) {
        if (size < 0) {
            throw new IllegalStateException("stored tree size " + size + " is negative");
        }
        int expected = Long.bitCount(size) * MerkleHash.LENGTH;
        if (encoded.length != expected) {
            throw new IllegalStateException("stored frontier of a tree of size " + size + " has " + encoded.length
                    + " bytes (expected: " + expected + ", 32 per set bit of the size)");
        }
        List<byte[]> roots = new ArrayList<>(Long.bitCount(size));
        for (int offset = 0; offset < encoded.length; offset += MerkleHash.LENGTH) {
            roots.add(Arrays.copyOfRange(encoded, offset, offset + MerkleHash.LENGTH));
        }
        return new Frontier(size, List.copyOf(roots));
    }

    /** The number of leaves. */
    public long size() {
        return size;
    }

    /** The tree with one more leaf, given by its leaf hash. */
    public Frontier append(byte[] leafHash) {
        return append(leafHash, completed -> { });
    }

    /**
     * The tree with one more leaf, handing every perfect subtree above the leaves that this leaf completes to
     * {@code completed}, smallest first: the leaf at index s completes the subtree of level L at index
     * {@code s >> L} for each of the L trailing set bits of s, plus one.
     */
    public Frontier append(byte[] leafHash, java.util.function.Consumer<Subtree.Hashed> completed) {
        if (leafHash.length != MerkleHash.LENGTH) {
            throw new IllegalArgumentException("leafHash: " + leafHash.length + " bytes (expected: 32)");
        }
        if (size == Long.MAX_VALUE) {
            throw new IllegalStateException("the tree is full at " + size + " leaves");
        }
        List<byte[]> roots = new ArrayList<>(subtreeRoots);
        byte[] carry = leafHash.clone();
        // Each trailing set bit of the size is a subtree as large as the carry: merge them, smallest first.
        int level = 0;
        for (long bits = size; (bits & 1) == 1; bits >>>= 1) {
            carry = MerkleHash.node(roots.remove(roots.size() - 1), carry);
            level++;
            completed.accept(new Subtree.Hashed(new Subtree(level, size >> level), carry));
        }
        roots.add(carry);
        return new Frontier(size + 1, List.copyOf(roots));
    }

    /** The RFC 6962 Merkle tree hash of all leaves; SHA-256 of the empty string for the empty tree. */
    public byte[] root() {
        if (subtreeRoots.isEmpty()) {
            return MerkleHash.emptyRoot();
        }
        byte[] root = subtreeRoots.get(subtreeRoots.size() - 1);
        for (int i = subtreeRoots.size() - 2; i >= 0; i--) {
            root = MerkleHash.node(subtreeRoots.get(i), root);
        }
        return root.clone();
    }

    /** The subtree roots as concatenated 32-byte hashes, largest subtree first, for storage. */
    public byte[] encode() {
        byte[] encoded = new byte[subtreeRoots.size() * MerkleHash.LENGTH];
        for (int i = 0; i < subtreeRoots.size(); i++) {
            System.arraycopy(subtreeRoots.get(i), 0, encoded, i * MerkleHash.LENGTH, MerkleHash.LENGTH);
        }
        return encoded;
    }
}
