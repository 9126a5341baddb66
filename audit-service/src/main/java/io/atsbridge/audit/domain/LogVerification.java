package io.atsbridge.audit.domain;

import io.micronaut.core.annotation.Nullable;

/**
 * The result of recomputing a tenant's log from its stored records.
 *
 * @param treeHead          the stored head that was checked
 * @param intact            whether every record re-encodes to its leaf hash, sequences run without gaps in the order
 *                          the records were stored, and the leaves give the stored head's root and the root of every
 *                          signed head
 * @param finding           what was wrong (the first problem found), or "intact"
 * @param problem           what kind of problem that is; {@link Problem#NONE} when intact
 * @param sequence          the sequence of the first record that does not match; -1 when the problem is not one record
 * @param recordId          that record's id; empty when none
 * @param contradictedHead  the first signed head that committed to the log the finding contradicts (for a record:
 *                          the first signed head that covers its sequence); null when intact or no signed head does
 * @param signedHeadsChecked how many signed heads the records were checked against
 */
public record LogVerification(TreeHead treeHead, boolean intact, String finding, Problem problem, long sequence,
                              String recordId, @Nullable SignedTreeHead contradictedHead, int signedHeadsChecked) {

    /** The kinds of problem verification tells apart. */
    public enum Problem {
        /** Nothing: the log is intact. */
        NONE,
        /** A record's content no longer gives its leaf hash: it was changed after it was appended. */
        CHANGED,
        /** A sequence below the head's size has no record: it was deleted. */
        DELETED,
        /** A record the head never covered was added: beyond the head, or in between with the rest moved up. */
        INSERTED,
        /** Records are not in the order they were appended in: their sequences were exchanged. */
        REORDERED,
        /** A record's stored columns cannot be read back as content. */
        UNREADABLE,
        /** The records give another root than a head that committed to them (rewritten leaf hashes, a rolled-back head). */
        ROOT_MISMATCH,
        /** A stored signed head does not verify with the key it names. */
        SIGNATURE_INVALID,
        /** A stored subtree hash, which proofs are made of, does not match the records: proofs using it fail. */
        NODE_MISMATCH
    }

    /** The size of the stored head that was checked. */
    public long treeSize() {
        return treeHead.treeSize();
    }

    static LogVerification ok(TreeHead treeHead, int signedHeadsChecked) {
        return new LogVerification(treeHead, true, "intact", Problem.NONE, -1, "", null, signedHeadsChecked);
    }
}
