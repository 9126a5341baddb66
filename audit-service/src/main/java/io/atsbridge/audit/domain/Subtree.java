package io.atsbridge.audit.domain;

/**
 * A perfect subtree of a log's Merkle tree: the {@code 2^level} leaves from {@code index * 2^level}. Level 0 is one
 * leaf. Once all its leaves are appended its hash never changes, which is what lets the log store it once and
 * build proofs for any later tree size from it.
 *
 * @param level how many levels above the leaves, 0..62
 * @param index its position among the subtrees of that level, from 0
 */
public record Subtree(int level, long index) {

    public Subtree {
        if (level < 0 || level > 62 || index < 0 || index > (Long.MAX_VALUE >> level)) {
            throw new IllegalArgumentException("subtree level " + level + " index " + index
                    + " (expected: level 0..62, index 0.." + (Long.MAX_VALUE >> Math.max(0, Math.min(62, level))) + ")");
        }
    }

    /** The first leaf it covers. */
    public long start() {
        return index << level;
    }

    /** One past the last leaf it covers. */
    public long end() {
        return (index + 1) << level;
    }

    /** A perfect subtree with its hash. */
    public record Hashed(Subtree subtree, byte[] hash) {
    }
}
