package io.atsbridge.audit.domain;

import io.atsbridge.platform.database.SqlFailures;
import io.atsbridge.platform.error.DomainException;
import io.atsbridge.platform.paging.PageRequest;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.support.DefaultTransactionDefinition;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The append-only, tamper-evident audit log: per tenant, an RFC 6962 Merkle tree whose leaves are
 * the records in the order they were appended.
 *
 * <p>The tree head (size, root and frontier) is kept incrementally in one row per tenant. An append
 * locks that row, reads which of its record ids the log already holds, inserts the new records at
 * the next sequences and moves the head forward, all in one transaction: concurrent appends of a
 * tenant queue on the row, so sequences have no gaps and the head always covers exactly the
 * committed records. Records are only ever inserted; the head row is the one thing that is updated.
 */
@Singleton
public final class AuditLog {

    /** Most records per append. */
    public static final int MAX_RECORDS_PER_APPEND = 500;
    private static final int PAGE_DEFAULT = 100;
    private static final int PAGE_MAX = 1000;
    private static final int VERIFY_BATCH = 1000;
    /** Heads are signed at most every few minutes and only when the log grew: years of them fit. */
    private static final int MAX_SIGNED_HEADS_CHECKED = 1_000_000;

    /**
     * Appends read committed data: after the head lock is taken, the duplicate check must see every
     * record the previous holder of the lock committed, whatever snapshot the server would otherwise keep.
     */
    private static final TransactionDefinition APPEND =
            definition("audit-append", TransactionDefinition.Isolation.READ_COMMITTED, false);
    /** Verification reads the head and all records from one consistent snapshot, so appends meanwhile don't disturb it. */
    private static final TransactionDefinition SNAPSHOT =
            definition("audit-verify", TransactionDefinition.Isolation.REPEATABLE_READ, true);

    private final TransactionOperations<Connection> transactions;
    private final LogStore store;
    private final HeadSigner signer;
    private final Clock clock;

    AuditLog(TransactionOperations<Connection> transactions, LogStore store, HeadSigner signer, Clock clock) {
        this.transactions = transactions;
        this.store = store;
        this.signer = signer;
        this.clock = clock;
    }

    /**
     * Appends records in order. A record whose id the log already holds with the same content is
     * reported as a duplicate with its original sequence and not appended again; the same id with
     * different content fails the whole request. Either every new record is appended or none is.
     *
     * @throws DomainException INVALID_ARGUMENT when a record is malformed (nothing is stored);
     *                         ALREADY_EXISTS (RECORD_ID_REUSED) when a record id is already used for other content
     */
    public AppendOutcome append(String tenantId, List<RecordContent> contents) {
        DomainException.checkArgument(!contents.isEmpty(), "RECORDS_MISSING",
                "records is empty (expected: 1..%s records to append)", MAX_RECORDS_PER_APPEND);
        DomainException.checkArgument(contents.size() <= MAX_RECORDS_PER_APPEND, "RECORDS_TOO_MANY",
                "records has %s entries (expected: 1..%s; split the batch)", contents.size(), MAX_RECORDS_PER_APPEND);
        List<Leaf> leaves = new ArrayList<>(contents.size());
        for (int i = 0; i < contents.size(); i++) {
            RecordContent content = contents.get(i).checked(i);
            leaves.add(new Leaf(i, content, LeafEncoding.leafHash(content)));
        }
        ensureHead(tenantId);
        return transactions.execute(APPEND, status -> appendLocked(tenantId, leaves));
    }

    private AppendOutcome appendLocked(String tenantId, List<Leaf> leaves) {
        LogStore.LockedHead locked = store.lockHead(tenantId)
                .orElseThrow(() -> new IllegalStateException("tree head of tenant " + tenantId + " vanished"));
        catchUpNodes(tenantId, locked);
        Frontier frontier = locked.frontier();
        List<Subtree.Hashed> nodes = new ArrayList<>();

        Set<String> ids = new LinkedHashSet<>();
        leaves.forEach(leaf -> ids.add(leaf.content().recordId()));
        Map<String, Known> known = new HashMap<>();
        for (LogStore.StoredRecord stored : store.find(tenantId, ids)) {
            known.put(stored.recordId(), new Known(stored.sequence(), stored.leafHash()));
        }

        Instant now = now();
        List<LoggedRecord> appended = new ArrayList<>();
        List<RecordOutcome> results = new ArrayList<>(leaves.size());
        for (Leaf leaf : leaves) {
            String recordId = leaf.content().recordId();
            Known existing = known.get(recordId);
            if (existing != null) {
                if (!Arrays.equals(existing.leafHash(), leaf.hash())) {
                    throw DomainException.alreadyExists("RECORD_ID_REUSED",
                            "records[%s].record_id %s is already in the log at sequence %s with different content; "
                                    + "a record_id names one record forever, so give this record a new record_id",
                            leaf.index(), FieldRules.shown(recordId), existing.sequence())
                            .with("field", "records[" + leaf.index() + "].record_id");
                }
                results.add(new RecordOutcome(recordId, existing.sequence(), true));
                continue;
            }
            long sequence = frontier.size();
            frontier = frontier.append(leaf.hash(), nodes::add);
            known.put(recordId, new Known(sequence, leaf.hash()));
            appended.add(new LoggedRecord(leaf.content(), sequence, leaf.hash(), now));
            results.add(new RecordOutcome(recordId, sequence, false));
        }
        if (appended.isEmpty()) {
            return new AppendOutcome(results, locked.head());
        }
        store.insert(tenantId, appended);
        store.insertNodes(tenantId, nodes);
        TreeHead advanced = new TreeHead(frontier.size(), frontier.root(), now);
        if (!store.advanceHead(tenantId, locked.head().treeSize(), advanced, frontier)) {
            // The row lock makes this impossible; fail loudly rather than fork the log.
            throw new IllegalStateException("tree head of tenant " + tenantId + " moved from size "
                    + locked.head().treeSize() + " while locked");
        }
        return new AppendOutcome(results, advanced);
    }

    /**
     * Stores the nodes of a log that grew before nodes were stored (its node size is behind its size), in one pass
     * over its leaf hashes with memory for one batch. Runs with the head locked, so once per such log.
     */
    private void catchUpNodes(String tenantId, LogStore.LockedHead locked) {
        long size = locked.head().treeSize();
        long stored = locked.nodeSize();
        if (stored >= size) {
            return;
        }
        Frontier replay = Frontier.EMPTY;
        for (long from = 0; from < size; from += VERIFY_BATCH) {
            List<byte[]> leaves = store.leafHashes(tenantId, from, Math.min(size, from + VERIFY_BATCH));
            if (leaves.size() != Math.min(size, from + VERIFY_BATCH) - from) {
                throw new IllegalStateException("the log of tenant " + tenantId + " lacks records between sequence "
                        + from + " and " + Math.min(size, from + VERIFY_BATCH) + "; run VerifyLog");
            }
            List<Subtree.Hashed> nodes = new ArrayList<>();
            for (byte[] leaf : leaves) {
                replay = replay.append(leaf, node -> {
                    if (node.subtree().end() > stored) {
                        nodes.add(node);
                    }
                });
            }
            store.insertNodes(tenantId, nodes);
        }
        if (!Arrays.equals(replay.root(), locked.head().rootHash())) {
            throw new IllegalStateException("the leaf hashes of tenant " + tenantId + " give another root than its head; "
                    + "run VerifyLog");
        }
        store.setNodeSize(tenantId, size);
    }

    /**
     * The inclusion proof of the record at {@code sequence} in the tenant's tree of {@code treeSize} records (0: the
     * current size).
     *
     * @throws DomainException INVALID_ARGUMENT when the size is beyond the log or the sequence not below the size
     */
    public InclusionProof inclusionProof(String tenantId, long sequence, long treeSize) {
        long size = proofSize(tenantId, treeSize);
        DomainException.checkArgument(sequence >= 0 && sequence < size, "SEQUENCE_INVALID",
                "sequence %s is not in the tree of size %s (expected: 0 <= sequence < tree_size)", sequence, size);
        return transactions.execute(SNAPSHOT, status -> {
            MerkleProofs.Plan path = MerkleProofs.inclusionPlan(sequence, size);
            MerkleProofs.Plan root = MerkleProofs.rootPlan(size);
            Subtree leaf = new Subtree(0, sequence);
            Set<Subtree> needed = new LinkedHashSet<>(path.subtrees());
            needed.addAll(root.subtrees());
            needed.add(leaf);
            Map<Subtree, byte[]> hashes = store.subtreeHashes(tenantId, needed);
            byte[] leafHash = hashes.get(leaf);
            if (leafHash == null) {
                throw new IllegalStateException("the record at sequence " + sequence + " of tenant " + tenantId
                        + " is missing; run VerifyLog");
            }
            return new InclusionProof(sequence, size, leafHash, path.assemble(hashes), root.assemble(hashes).get(0));
        });
    }

    /**
     * The inclusion proof of the record {@code recordId} in the tenant's tree of {@code treeSize} records (0: the
     * current size).
     *
     * @throws DomainException NOT_FOUND when the log holds no such record; INVALID_ARGUMENT as above
     */
    public InclusionProof inclusionProof(String tenantId, String recordId, long treeSize) {
        DomainException.checkArgument(FieldRules.isId(recordId, FieldRules.MAX_ID_LENGTH), "RECORD_ID_INVALID",
                "record_id: %s (expected: 1..%s visible ASCII characters without spaces)",
                FieldRules.shown(recordId), FieldRules.MAX_ID_LENGTH);
        List<LogStore.StoredRecord> found = store.find(tenantId, List.of(recordId));
        if (found.isEmpty()) {
            throw DomainException.notFound("RECORD_NOT_FOUND", "record_id %s is not in this tenant's log",
                    FieldRules.shown(recordId));
        }
        return inclusionProof(tenantId, found.get(0).sequence(), treeSize);
    }

    /**
     * The consistency proof from the tenant's tree of {@code firstSize} records to the tree of {@code secondSize} (0:
     * the current size), with both roots.
     *
     * @throws DomainException INVALID_ARGUMENT unless {@code 0 <= firstSize <= secondSize <=} the log's size
     */
    public ConsistencyProof consistencyProof(String tenantId, long firstSize, long secondSize) {
        long second = proofSize(tenantId, secondSize);
        DomainException.checkArgument(firstSize >= 0 && firstSize <= second, "FIRST_TREE_SIZE_INVALID",
                "first_tree_size %s (expected: 0 <= first_tree_size <= second tree size %s)", firstSize, second);
        return transactions.execute(SNAPSHOT, status -> {
            MerkleProofs.Plan path = MerkleProofs.consistencyPlan(firstSize, second);
            Set<Subtree> needed = new LinkedHashSet<>(path.subtrees());
            MerkleProofs.Plan firstRoot = firstSize == 0 ? null : MerkleProofs.rootPlan(firstSize);
            MerkleProofs.Plan secondRoot = second == 0 ? null : MerkleProofs.rootPlan(second);
            if (firstRoot != null) {
                needed.addAll(firstRoot.subtrees());
            }
            if (secondRoot != null) {
                needed.addAll(secondRoot.subtrees());
            }
            Map<Subtree, byte[]> hashes = store.subtreeHashes(tenantId, needed);
            return new ConsistencyProof(firstSize, second,
                    firstRoot == null ? MerkleHash.emptyRoot() : firstRoot.assemble(hashes).get(0),
                    secondRoot == null ? MerkleHash.emptyRoot() : secondRoot.assemble(hashes).get(0),
                    path.assemble(hashes));
        });
    }

    /** The tree size a proof is for (0: the current size), with every node of it stored. */
    private long proofSize(String tenantId, long treeSize) {
        long current = treeHead(tenantId).treeSize();
        DomainException.checkArgument(treeSize >= 0 && treeSize <= current, "TREE_SIZE_INVALID",
                "tree_size %s (expected: 0 for the current size, or 1..%s, the log's size)", treeSize, current);
        long size = treeSize == 0 ? current : treeSize;
        if (store.nodeSize(tenantId) < size) {
            transactions.execute(APPEND, status -> {
                store.lockHead(tenantId).ifPresent(locked -> catchUpNodes(tenantId, locked));
                return null;
            });
        }
        return size;
    }

    /**
     * Creates the tenant's empty head on its first append, in its own transaction: the append's
     * transaction then always finds a row to lock. Two first appends racing here are fine: the
     * primary key lets one insert win and the other carries on with the winner's row.
     */
    private void ensureHead(String tenantId) {
        if (store.hasHead(tenantId)) {
            return;
        }
        try {
            transactions.executeWrite(status -> {
                store.createHead(tenantId, new TreeHead(0, MerkleHash.emptyRoot(), null), Frontier.EMPTY);
                return null;
            });
        } catch (RuntimeException e) {
            if (!SqlFailures.isDuplicateKey(e)) {
                throw e;
            }
        }
    }

    /**
     * One page of the records that match every filter, in log order.
     *
     * @throws DomainException INVALID_ARGUMENT when a filter, the page size or the page token is malformed
     */
    public RecordPage query(String tenantId, RecordFilter filter, int pageSize, String pageToken) {
        PageRequest page = PageRequest.of(pageSize, pageToken, PAGE_DEFAULT, PAGE_MAX);
        long after = page.first() ? -1 : parseSequence(page.after());
        Optional<RecordFilter> stored = storedFilter(filter);
        if (stored.isEmpty()) {
            return new RecordPage(List.of(), "");
        }
        List<LoggedRecord> records = store.page(tenantId, stored.get(), after, page.size() + 1);
        PageRequest.Page<LoggedRecord> shown = page.slice(records, record -> String.valueOf(record.sequence()));
        return new RecordPage(shown.items(), shown.nextPageToken());
    }

    /**
     * The filter checked and put in the terms of the stored records; empty when it can match no stored record.
     *
     * @throws DomainException INVALID_ARGUMENT when a filter is malformed
     */
    Optional<RecordFilter> storedFilter(RecordFilter filter) {
        checkIdFilter(filter.traceId(), "trace_id", "TRACE_ID_INVALID", FieldRules.MAX_ID_LENGTH);
        checkIdFilter(filter.subjectRef(), "subject_ref", "SUBJECT_REF_INVALID", FieldRules.MAX_ID_LENGTH);
        checkIdFilter(filter.candidateId(), "candidate_id", "CANDIDATE_ID_INVALID", FieldRules.MAX_ID_LENGTH);
        checkIdFilter(filter.applicationId(), "application_id", "APPLICATION_ID_INVALID", FieldRules.MAX_ID_LENGTH);
        checkIdFilter(filter.requisitionId(), "requisition_id", "REQUISITION_ID_INVALID", FieldRules.MAX_ID_LENGTH);
        checkIdFilter(filter.actor(), "actor", "ACTOR_INVALID", FieldRules.MAX_ACTOR_LENGTH);
        DomainException.checkArgument(filter.action().isEmpty() || FieldRules.isAction(filter.action()),
                "ACTION_INVALID", "action: %s (expected: empty, or dotted lower-case words such as consent.decided)",
                FieldRules.shown(filter.action()));
        Instant start = filter.startTime();
        Instant end = filter.endTime();
        DomainException.checkArgument(start == null || end == null || start.isBefore(end), "TIME_RANGE_INVALID",
                "start_time %s is not before end_time %s (expected: start_time < end_time, or either unset)", start, end);
        // Stored times are whole microseconds after the epoch: rounding the bounds up to whole
        // microseconds keeps ">= start" and "< end" exact, and bounds outside the stored range
        // either match nothing or everything.
        start = start == null || !start.isAfter(FieldRules.EARLIEST_TIME) ? null : ceilMicros(start);
        end = end == null || end.isAfter(FieldRules.LATEST_TIME) ? null : ceilMicros(end);
        if ((end != null && !end.isAfter(FieldRules.EARLIEST_TIME)) || (start != null && start.isAfter(FieldRules.LATEST_TIME))) {
            return Optional.empty();
        }
        return Optional.of(filter.withTimes(start, end));
    }

    private static void checkIdFilter(String value, String field, String reason, int maxLength) {
        DomainException.checkArgument(value.isEmpty() || FieldRules.isId(value, maxLength), reason,
                "%s: %s (expected: empty, or 1..%s visible ASCII characters without spaces)",
                field, FieldRules.shown(value), maxLength);
    }

    /** The tenant log's current head; size 0 and SHA-256("") when nothing was ever appended. */
    public TreeHead treeHead(String tenantId) {
        return store.head(tenantId)
                .orElseGet(() -> new TreeHead(0, MerkleHash.emptyRoot(), null));
    }

    /**
     * Recomputes the tenant's log from its stored records and checks it against the stored head and every signed
     * head: every record's content must give its stored leaf hash, sequences must run from 0 without gaps up to the
     * head's size, in the order the records were stored, with nothing beyond, and the leaves must give the stored
     * root and, at each signed head's size, that head's root; each signed head must verify with its key. Reads every
     * record once, in batches, with memory for one batch; reports the first problem found.
     */
    public LogVerification verify(String tenantId) {
        return transactions.execute(SNAPSHOT, status -> verifySnapshot(tenantId));
    }

    private LogVerification verifySnapshot(String tenantId) {
        TreeHead head = treeHead(tenantId);
        long size = head.treeSize();
        List<SignedTreeHead> signed = store.signedHeads(tenantId, MAX_SIGNED_HEADS_CHECKED);
        Findings findings = new Findings(head, signed);
        for (SignedTreeHead signedHead : signed) {
            if (!signer.verify(signedHead)) {
                return findings.head(LogVerification.Problem.SIGNATURE_INVALID, signedHead,
                        "the signed head of size %s (key %s, %s) does not verify with %s",
                        signedHead.treeSize(), signedHead.keyId(), signedHead.headTime(),
                        signer.publicKeys().containsKey(signedHead.keyId()) ? "its key" : "any configured key (unknown key id)");
            }
            if (signedHead.treeSize() > size) {
                return findings.head(LogVerification.Problem.ROOT_MISMATCH, signedHead,
                        "the stored head covers %s records but the log signed a head of size %s (key %s, %s): "
                                + "records or the head were rolled back", size, signedHead.treeSize(), signedHead.keyId(),
                        signedHead.headTime());
            }
        }
        long stored = store.count(tenantId);
        // Nodes are checked where they are stored: a log still waiting for its catch-up has none yet.
        boolean checkNodes = store.nodeSize(tenantId) >= size;
        Frontier recomputed = Frontier.EMPTY;
        int nextSigned = 0;
        long previousOrder = Long.MIN_VALUE;
        for (long from = 0; from < size; from += VERIFY_BATCH) {
            long to = Math.min(size, from + VERIFY_BATCH);
            List<LogStore.StoredRecord> batch = store.range(tenantId, from, to);
            Map<Subtree, byte[]> completed = new HashMap<>();
            for (int i = 0; i < batch.size(); i++) {
                LogStore.StoredRecord record = batch.get(i);
                long expected = from + i;
                if (record.sequence() != expected) {
                    return findings.record(LogVerification.Problem.DELETED, expected, "",
                            "the record at sequence %s is missing: it was deleted", expected);
                }
                if (record.content() == null) {
                    return findings.record(LogVerification.Problem.UNREADABLE, expected, record.recordId(),
                            "the record at sequence %s cannot be read back: %s", expected, record.unreadable());
                }
                byte[] leaf = LeafEncoding.leafHash(record.content());
                if (!Arrays.equals(leaf, record.leafHash())) {
                    return findings.record(LogVerification.Problem.CHANGED, expected, record.recordId(),
                            "the record at sequence %s (record_id %s) does not match its leaf hash: it was changed "
                                    + "after it was appended", expected, record.recordId());
                }
                if (record.storeOrder() < previousOrder) {
                    // The record before this one was stored after it. With more records than the head covers, that
                    // one was added and the rest moved up to make room; otherwise records exchanged places.
                    LogStore.StoredRecord earlier = i > 0 ? batch.get(i - 1) : record;
                    long at = i > 0 ? expected - 1 : expected;
                    if (stored > size) {
                        return findings.record(LogVerification.Problem.INSERTED, at, earlier.recordId(),
                                "the record at sequence %s (record_id %s) was inserted: it was stored after the records "
                                        + "that follow it, and the log holds %s records but its head covers %s",
                                at, earlier.recordId(), stored, size);
                    }
                    return findings.record(LogVerification.Problem.REORDERED, at, earlier.recordId(),
                            "the records at sequences %s and %s were reordered: the record at sequence %s (record_id "
                                    + "%s) was stored after the one at sequence %s", at, expected, at,
                            earlier.recordId(), expected);
                }
                previousOrder = record.storeOrder();
                recomputed = recomputed.append(leaf, node -> completed.put(node.subtree(), node.hash()));
                while (nextSigned < signed.size() && signed.get(nextSigned).treeSize() == recomputed.size()) {
                    SignedTreeHead signedHead = signed.get(nextSigned++);
                    if (!Arrays.equals(recomputed.root(), signedHead.rootHash())) {
                        return findings.head(LogVerification.Problem.ROOT_MISMATCH, signedHead,
                                "the records give a different root at size %s than the signed head of that size "
                                        + "(key %s, %s): records or their leaf hashes were rewritten",
                                signedHead.treeSize(), signedHead.keyId(), signedHead.headTime());
                    }
                }
            }
            if (batch.size() != to - from) {
                long missing = from + batch.size();
                return findings.record(LogVerification.Problem.DELETED, missing, "",
                        "the record at sequence %s is missing: it was deleted", missing);
            }
            if (checkNodes) {
                LogVerification nodes = checkNodes(tenantId, from, to, completed, findings);
                if (nodes != null) {
                    return nodes;
                }
            }
        }
        if (stored != size) {
            List<LogStore.StoredRecord> beyond = store.range(tenantId, size, Long.MAX_VALUE - 1);
            String recordId = beyond.isEmpty() ? "" : beyond.get(0).recordId();
            long at = beyond.isEmpty() ? -1 : beyond.get(0).sequence();
            return findings.record(LogVerification.Problem.INSERTED, at, recordId,
                    "the log holds %s records but its head covers %s: the record at sequence %s (record_id %s) was "
                            + "inserted", stored, size, at, recordId);
        }
        if (!Arrays.equals(recomputed.root(), head.rootHash())) {
            return findings.record(LogVerification.Problem.ROOT_MISMATCH, -1, "",
                    "the records give a different root than the stored head of size %s", size);
        }
        return LogVerification.ok(head, signed.size());
    }

    /** The first stored node completed by the leaves {@code [from, to)} that differs from the recomputed one, if any. */
    @Nullable
    private LogVerification checkNodes(String tenantId, long from, long to, Map<Subtree, byte[]> recomputed,
                                       Findings findings) {
        Map<Subtree, byte[]> stored = new HashMap<>();
        store.nodesCompletedBy(tenantId, from, to).forEach(node -> stored.put(node.subtree(), node.hash()));
        Subtree first = null;
        for (Map.Entry<Subtree, byte[]> node : recomputed.entrySet()) {
            if (!Arrays.equals(node.getValue(), stored.get(node.getKey()))
                    && (first == null || node.getKey().start() < first.start())) {
                first = node.getKey();
            }
        }
        if (first == null) {
            return null;
        }
        return findings.record(LogVerification.Problem.NODE_MISMATCH, first.start(), "",
                "the stored hash of the subtree of records %s..%s (level %s, index %s) %s: proofs that use it fail "
                        + "to verify", first.start(), first.end() - 1, first.level(), first.index(),
                stored.containsKey(first) ? "does not match the records" : "is missing");
    }

    /** Builds findings that name the first signed head committed to what they contradict. */
    private record Findings(TreeHead treeHead, List<SignedTreeHead> signed) {

        LogVerification record(LogVerification.Problem problem, long sequence, String recordId, String format,
                               Object... args) {
            // The first signed head that covers the record; for a problem beyond every signed head (an insertion
            // after the last) or of the whole tree, the last signed head.
            SignedTreeHead contradicted = null;
            for (SignedTreeHead head : signed) {
                contradicted = head;
                if (sequence >= 0 && head.treeSize() > sequence) {
                    break;
                }
            }
            return new LogVerification(treeHead, false, String.format(format, args), problem, sequence, recordId,
                    contradicted, signed.size());
        }

        LogVerification head(LogVerification.Problem problem, SignedTreeHead head, String format, Object... args) {
            return new LogVerification(treeHead, false, String.format(format, args), problem, -1, "", head,
                    signed.size());
        }
    }

    static long parseSequence(String position) {
        try {
            long sequence = Long.parseLong(position);
            if (sequence >= 0) {
                return sequence;
            }
        } catch (NumberFormatException e) {
            // Falls through to the error below.
        }
        throw DomainException.invalidArgument("PAGE_TOKEN_INVALID",
                "page_token is not a token this service issued; pass next_page_token unchanged or leave it empty");
    }

    private static Instant ceilMicros(Instant time) {
        Instant truncated = time.truncatedTo(ChronoUnit.MICROS);
        return truncated.equals(time) ? time : truncated.plus(1, ChronoUnit.MICROS);
    }

    private static TransactionDefinition definition(String name, TransactionDefinition.Isolation isolation,
                                                    boolean readOnly) {
        DefaultTransactionDefinition definition = new DefaultTransactionDefinition();
        definition.setName(name);
        definition.setIsolationLevel(isolation);
        definition.setReadOnly(readOnly);
        return definition;
    }


    /** Now, at the microsecond precision the database keeps, so stored and returned times agree. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** A validated record with its position in the request and its leaf hash. */
    private record Leaf(int index, RecordContent content, byte[] hash) {
    }

    /** What the log already holds under a record id. */
    private record Known(long sequence, byte[] leafHash) {
    }
}
