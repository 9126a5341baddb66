package io.atsbridge.audit.domain;

/**
 * The result of recomputing a tenant's log from its stored records.
 *
 * @param treeSize the size of the stored head that was checked
 * @param intact   whether every leaf matches its record and the leaves give the stored root
 * @param finding  what was wrong (the first problem found), or "intact"
 */
public record LogVerification(long treeSize, boolean intact, String finding) {

    static LogVerification ok(long treeSize) {
        return new LogVerification(treeSize, true, "intact");
    }

    static LogVerification broken(long treeSize, String format, Object... args) {
        return new LogVerification(treeSize, false, String.format(format, args));
    }
}
