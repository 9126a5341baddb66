package io.atsbridge.audit.domain;

import io.micronaut.core.annotation.Nullable;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the audit log keeps each tenant's records and tree head; persistence implements it. Records are only ever
 * inserted; the head is the one thing that changes. Calls join the caller's transaction, so that {@link AuditLog}
 * decides what is one unit of work and at which isolation.
 *
 * <p>Per tenant there is at most one head, and a sequence or a record id names at most one record: storing a
 * second fails with a duplicate key (see {@link io.atsbridge.platform.database.SqlFailures#isDuplicateKey}).
 */
public interface LogStore {

    /** The tenant's head, if the tenant has one (it is created on the first append). */
    Optional<TreeHead> head(String tenantId);

    /** Whether the tenant has a head. */
    boolean hasHead(String tenantId);

    /** Stores the tenant's first head; fails with a duplicate key when the tenant has one already. */
    void createHead(String tenantId, TreeHead head, Frontier frontier);

    /**
     * The tenant's head with its frontier, locked until the current transaction ends ({@code SELECT ... FOR
     * UPDATE}): this is what orders a tenant's appends.
     *
     * @throws IllegalStateException when the stored frontier cannot be that of the stored size
     */
    Optional<LockedHead> lockHead(String tenantId);

    /**
     * Moves the head forward from a tree of {@code fromSize} records to {@code head}, with the nodes of the grown tree
     * stored (its node size becomes its size). Returns false, changing nothing, when the head is no longer at
     * {@code fromSize}.
     */
    boolean advanceHead(String tenantId, long fromSize, TreeHead head, Frontier frontier);

    /** How many leaves of the tenant's tree have all their nodes stored ({@link #insertNodes}); 0 without a head. */
    long nodeSize(String tenantId);

    /** Records that every node of the tenant's tree of {@code nodeSize} leaves is stored. */
    void setNodeSize(String tenantId, long nodeSize);

    /** Stores hashes of perfect subtrees above the leaves (level 1 and up); each is stored once. */
    void insertNodes(String tenantId, List<Subtree.Hashed> nodes);

    /**
     * The stored hashes of these subtrees: level 0 from the records' leaf hashes, the others from the nodes. A
     * subtree that is not stored is missing from the answer.
     */
    Map<Subtree, byte[]> subtreeHashes(String tenantId, Collection<Subtree> subtrees);

    /**
     * The stored nodes (level 1 and up) whose last leaf is in {@code [from, to)}: exactly those that appending the leaves
     * {@code from .. to-1} completes.
     */
    List<Subtree.Hashed> nodesCompletedBy(String tenantId, long from, long to);

    /** The stored leaf hashes of the records with {@code from <= sequence < to}, in log order (gaps skipped). */
    List<byte[]> leafHashes(String tenantId, long from, long to);

    /** Stores a signed head; fails with a duplicate key when the tenant has a head of that size by that key. */
    void insertSignedHead(SignedTreeHead head);

    /** The tenant's signed head of the largest size (the latest when several keys signed it). */
    Optional<SignedTreeHead> latestSignedHead(String tenantId);

    /** Up to {@code limit} of the tenant's signed heads, smallest size first. */
    List<SignedTreeHead> signedHeads(String tenantId, int limit);

    /** Up to {@code limit} tenants whose log is larger than their largest signed head (or has none). */
    List<String> tenantsWithUnsignedGrowth(int limit);

    /** The records of the tenant among {@code recordIds}, in no particular order. */
    List<StoredRecord> find(String tenantId, Collection<String> recordIds);

    /** Stores new records, each at the sequence and with the leaf hash and append time it carries. */
    void insert(String tenantId, List<LoggedRecord> records);

    /**
     * Up to {@code limit} records after sequence {@code afterSequence} that match every filter, in log order.
     * The filter's times must be whole microseconds.
     *
     * @throws IllegalStateException when a record's stored content cannot be read back
     */
    List<LoggedRecord> page(String tenantId, RecordFilter filter, long afterSequence, int limit);

    /**
     * Up to {@code limit} records after sequence {@code afterSequence} of a candidate's timeline, in log order: those
     * whose subject_ref or attribute candidate_id is the candidate, and those of the given traces and applications.
     *
     * @throws IllegalStateException when a record's stored content cannot be read back
     */
    List<LoggedRecord> timeline(String tenantId, String candidateId, Collection<String> traceIds,
                                Collection<String> applicationIds, long afterSequence, int limit);

    /**
     * Where the loop's steps for a candidate are: up to {@code limit} distinct traces and subjects (applications) of
     * the records whose attribute candidate_id is the candidate, reads of the log ({@code personal_data.read})
     * excepted.
     */
    List<CandidateTrace> candidateTraces(String tenantId, String candidateId, int limit);

    /** The records with {@code from <= sequence < to}, in log order. */
    List<StoredRecord> range(String tenantId, long from, long to);

    /** How many records the tenant's log holds. */
    long count(String tenantId);

    /**
     * A tenant's head as an append needs it: with the frontier that the next leaves are added to, and how many of its
     * leaves have their nodes stored (its size, but 0 for a log that grew before nodes were stored).
     */
    record LockedHead(TreeHead head, Frontier frontier, long nodeSize) {
    }

    /** A trace of a candidate's records and the subject (empty when none) a record of it was about. */
    record CandidateTrace(String traceId, String subjectRef) {
    }

    /**
     * A record as stored, read back to be checked: where it is, the leaf hash stored with it, and the content its
     * stored columns give.
     *
     * @param storeOrder the order in which the database stored the record (its row id): increases with the sequence
     *                   in an untouched log
     * @param content    the content; null when the stored columns cannot be read back as content
     * @param unreadable why the content cannot be read back; empty when it can
     */
    record StoredRecord(long sequence, String recordId, byte[] leafHash, long storeOrder, @Nullable RecordContent content,
                        String unreadable) {
    }
}
