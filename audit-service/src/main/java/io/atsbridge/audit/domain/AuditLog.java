package io.atsbridge.audit.domain;

import io.atsbridge.platform.database.SqlFailures;
import io.atsbridge.platform.error.DomainException;
import io.atsbridge.platform.paging.PageRequest;
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
    private final Clock clock;

    AuditLog(TransactionOperations<Connection> transactions, LogStore store, Clock clock) {
        this.transactions = transactions;
        this.store = store;
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
        Frontier frontier = locked.frontier();

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
            frontier = frontier.append(leaf.hash());
            known.put(recordId, new Known(sequence, leaf.hash()));
            appended.add(new LoggedRecord(leaf.content(), sequence, leaf.hash(), now));
            results.add(new RecordOutcome(recordId, sequence, false));
        }
        if (appended.isEmpty()) {
            return new AppendOutcome(results, locked.head());
        }
        store.insert(tenantId, appended);
        TreeHead advanced = new TreeHead(frontier.size(), frontier.root(), now);
        if (!store.advanceHead(tenantId, locked.head().treeSize(), advanced, frontier)) {
            // The row lock makes this impossible; fail loudly rather than fork the log.
            throw new IllegalStateException("tree head of tenant " + tenantId + " moved from size "
                    + locked.head().treeSize() + " while locked");
        }
        return new AppendOutcome(results, advanced);
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
        DomainException.checkArgument(filter.traceId().isEmpty() || FieldRules.isId(filter.traceId(), FieldRules.MAX_ID_LENGTH),
                "TRACE_ID_INVALID", "trace_id: %s (expected: empty, or 1..%s visible ASCII characters without spaces)",
                FieldRules.shown(filter.traceId()), FieldRules.MAX_ID_LENGTH);
        DomainException.checkArgument(filter.subjectRef().isEmpty()
                        || FieldRules.isId(filter.subjectRef(), FieldRules.MAX_ID_LENGTH),
                "SUBJECT_REF_INVALID", "subject_ref: %s (expected: empty, or 1..%s visible ASCII characters without spaces)",
                FieldRules.shown(filter.subjectRef()), FieldRules.MAX_ID_LENGTH);
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
            return new RecordPage(List.of(), "");
        }
        Instant from = start;
        Instant to = end;
        List<LoggedRecord> records = store.page(tenantId,
                new RecordFilter(filter.traceId(), filter.subjectRef(), filter.action(), from, to), after, page.size() + 1);
        PageRequest.Page<LoggedRecord> shown = page.slice(records, record -> String.valueOf(record.sequence()));
        return new RecordPage(shown.items(), shown.nextPageToken());
    }

    /** The tenant log's current head; size 0 and SHA-256("") when nothing was ever appended. */
    public TreeHead treeHead(String tenantId) {
        return store.head(tenantId)
                .orElseGet(() -> new TreeHead(0, MerkleHash.emptyRoot(), null));
    }

    /**
     * Recomputes the tenant's log from its stored records and checks it against the stored head:
     * every record's content must give its stored leaf hash, sequences must run from 0 without gaps
     * up to the head's size with nothing beyond, and the leaves must give the head's root. Reads
     * every record once, in batches, with memory for one batch.
     *
     * <p>This proves the database agrees with itself. Against someone who can rewrite the head too,
     * compare the head with one published or signed earlier.
     */
    public LogVerification verify(String tenantId) {
        return transactions.execute(SNAPSHOT, status -> verifySnapshot(tenantId));
    }

    private LogVerification verifySnapshot(String tenantId) {
        TreeHead head = treeHead(tenantId);
        long size = head.treeSize();
        Frontier recomputed = Frontier.EMPTY;
        for (long from = 0; from < size; from += VERIFY_BATCH) {
            long to = Math.min(size, from + VERIFY_BATCH);
            List<LogStore.StoredRecord> batch = store.range(tenantId, from, to);
            for (int i = 0; i < batch.size(); i++) {
                LogStore.StoredRecord record = batch.get(i);
                if (record.sequence() != from + i) {
                    return LogVerification.broken(size, "the record at sequence %s is missing", from + i);
                }
                if (record.content() == null) {
                    return LogVerification.broken(size, "the record at sequence %s cannot be read back: %s",
                            record.sequence(), record.unreadable());
                }
                byte[] leaf = LeafEncoding.leafHash(record.content());
                if (!Arrays.equals(leaf, record.leafHash())) {
                    return LogVerification.broken(size, "the record at sequence %s (record_id %s) does not match its "
                            + "leaf hash: it was changed after it was appended", record.sequence(), record.recordId());
                }
                recomputed = recomputed.append(leaf);
            }
            if (batch.size() != to - from) {
                return LogVerification.broken(size, "the record at sequence %s is missing", from + batch.size());
            }
        }
        long stored = store.count(tenantId);
        if (stored != size) {
            return LogVerification.broken(size, "the log holds %s records but its head covers %s", stored, size);
        }
        if (!Arrays.equals(recomputed.root(), head.rootHash())) {
            return LogVerification.broken(size, "the records give a different root than the stored head of size %s", size);
        }
        return LogVerification.ok(size);
    }

    private static long parseSequence(String position) {
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
