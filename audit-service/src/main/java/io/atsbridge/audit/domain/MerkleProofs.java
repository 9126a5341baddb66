package io.atsbridge.audit.domain;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds RFC 9162 (section 2.1.3 and 2.1.4; the same as RFC 6962 section 2.1.1 and 2.1.2) inclusion and
 * consistency proofs from the hashes of perfect subtrees.
 *
 * <p>Every element of a proof is the tree hash {@code MTH(D[a:b])} of a range of leaves that the RFC's recursion
 * splits off. Such a range starts at a multiple of a power of two at least as large as the range, so it is the
 * perfect subtrees of its binary decomposition (one per set bit of {@code b - a}, largest first), and its hash
 * folds theirs from the right, exactly as {@link Frontier#root()} folds a tree's. A proof is therefore planned
 * first ({@link #inclusionPlan}, {@link #consistencyPlan}: which subtrees), those subtrees are read in one go, and
 * the proof is then {@link Plan#assemble assembled}.
 */
public final class MerkleProofs {

    private MerkleProofs() {
    }

    /**
     * The plan of the audit path of leaf {@code index} in the tree of {@code size} leaves.
     *
     * @throws IllegalArgumentException unless {@code 0 <= index < size}
     */
    public static Plan inclusionPlan(long index, long size) {
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException("leaf index " + index + " in a tree of size " + size
                    + " (expected: 0 <= index < size)");
        }
        // PATH(m, D[n]) appends the sibling of each split after the path below it: collect top-down, then reverse.
        List<Range> siblings = new ArrayList<>();
        long start = 0;
        long end = size;
        while (end - start > 1) {
            long k = splitPoint(end - start);
            if (index < start + k) {
                siblings.add(new Range(start + k, end));
                end = start + k;
            } else {
                siblings.add(new Range(start, start + k));
                start += k;
            }
        }
        Collections.reverse(siblings);
        return new Plan(siblings);
    }

    /**
     * The plan of the consistency proof from the tree of {@code first} leaves to the tree of {@code second}; empty
     * when {@code first} is 0 or equals {@code second} (those are consistent without proof).
     *
     * @throws IllegalArgumentException unless {@code 0 <= first <= second}
     */
    public static Plan consistencyPlan(long first, long second) {
        if (first < 0 || first > second) {
            throw new IllegalArgumentException("consistency from size " + first + " to size " + second
                    + " (expected: 0 <= first <= second)");
        }
        List<Range> ranges = new ArrayList<>();
        if (first == 0 || first == second) {
            return new Plan(ranges);
        }
        // SUBPROOF(m, D[start:end], b), unrolled; its elements too are collected top-down, then reversed.
        long m = first;
        long start = 0;
        long end = second;
        boolean whole = true;
        while (true) {
            long n = end - start;
            if (m == n) {
                if (!whole) {
                    ranges.add(new Range(start, end));
                }
                break;
            }
            long k = splitPoint(n);
            if (m <= k) {
                ranges.add(new Range(start + k, end));
                end = start + k;
            } else {
                ranges.add(new Range(start, start + k));
                m -= k;
                start += k;
                whole = false;
            }
        }
        Collections.reverse(ranges);
        return new Plan(ranges);
    }

    /** The plan of the root hash of the tree of {@code size} leaves (size at least 1). */
    public static Plan rootPlan(long size) {
        if (size < 1) {
            throw new IllegalArgumentException("tree size " + size + " (expected: at least 1)");
        }
        return new Plan(List.of(new Range(0, size)));
    }

    /** The largest power of two smaller than n (n at least 2): where RFC 6962 splits a tree of n leaves. */
    static long splitPoint(long n) {
        return Long.highestOneBit(n - 1);
    }

    /** The leaves {@code [start, end)}, whose tree hash is one element of a proof. */
    public record Range(long start, long end) {

        /** The perfect subtrees this range is made of, largest first. */
        public List<Subtree> subtrees() {
            List<Subtree> subtrees = new ArrayList<>();
            long at = start;
            while (at < end) {
                long size = Long.highestOneBit(end - at);
                // A range from the RFC's recursion is aligned; this keeps any other range right too.
                while (at % size != 0) {
                    size >>>= 1;
                }
                int level = Long.numberOfTrailingZeros(size);
                subtrees.add(new Subtree(level, at >> level));
                at += size;
            }
            return subtrees;
        }

        /** MTH of the range from the hashes of its subtrees. */
        byte[] hash(Map<Subtree, byte[]> hashes) {
            List<Subtree> subtrees = subtrees();
            byte[] hash = known(hashes, subtrees.get(subtrees.size() - 1));
            for (int i = subtrees.size() - 2; i >= 0; i--) {
                hash = MerkleHash.node(known(hashes, subtrees.get(i)), hash);
            }
            return hash;
        }

        private static byte[] known(Map<Subtree, byte[]> hashes, Subtree subtree) {
            byte[] hash = hashes.get(subtree);
            if (hash == null) {
                throw new IllegalStateException("the hash of subtree " + subtree + " is not stored");
            }
            return hash;
        }
    }

    /** Which ranges a proof is made of, in proof order, and so which subtree hashes it needs. */
    public record Plan(List<Range> ranges) {

        public Plan {
            ranges = List.copyOf(ranges);
        }

        /** Every subtree whose hash the proof needs, each once. */
        public Set<Subtree> subtrees() {
            Set<Subtree> needed = new LinkedHashSet<>();
            ranges.forEach(range -> needed.addAll(range.subtrees()));
            return needed;
        }

        /**
         * The proof: the hash of each range, in order.
         *
         * @throws IllegalStateException when {@code hashes} lacks a subtree of {@link #subtrees()}
         */
        public List<byte[]> assemble(Map<Subtree, byte[]> hashes) {
            return ranges.stream().map(range -> range.hash(hashes)).toList();
        }
    }
}
