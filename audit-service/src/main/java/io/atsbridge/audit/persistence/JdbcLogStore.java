package io.atsbridge.audit.persistence;

import io.atsbridge.audit.domain.Frontier;
import io.atsbridge.audit.domain.LogStore;
import io.atsbridge.audit.domain.LoggedRecord;
import io.atsbridge.audit.domain.RecordContent;
import io.atsbridge.audit.domain.RecordFilter;
import io.atsbridge.audit.domain.RecordReferences;
import io.atsbridge.audit.domain.SignedTreeHead;
import io.atsbridge.audit.domain.Subtree;
import io.atsbridge.audit.domain.TreeHead;
import io.atsbridge.platform.privacy.PersonalDataRead;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The tables {@code audit_record}, {@code tree_head}, {@code audit_tree_node} and {@code audit_signed_head}, with
 * record attributes stored as {@link AttributesJson}.
 */
@Singleton
final class JdbcLogStore implements LogStore {

    private final TransactionOperations<Connection> transactions;
    private final AuditRecordRepository records;
    private final TreeHeadRepository heads;
    private final AttributesJson attributesJson;
    private final JdbcOperations jdbc;

    JdbcLogStore(TransactionOperations<Connection> transactions, AuditRecordRepository records,
                 TreeHeadRepository heads, AttributesJson attributesJson, JdbcOperations jdbc) {
        this.transactions = transactions;
        this.records = records;
        this.heads = heads;
        this.attributesJson = attributesJson;
        this.jdbc = jdbc;
    }

    @Override
    public Optional<TreeHead> head(String tenantId) {
        return heads.findById(tenantId).map(JdbcLogStore::toTreeHead);
    }

    @Override
    public boolean hasHead(String tenantId) {
        return heads.existsById(tenantId);
    }

    @Override
    public void createHead(String tenantId, TreeHead head, Frontier frontier) {
        heads.save(new TreeHeadRow(tenantId, head.treeSize(), head.rootHash(), frontier.encode(), head.updateTime(),
                head.treeSize()));
    }

    @Override
    public Optional<LockedHead> lockHead(String tenantId) {
        return heads.findByIdForUpdate(tenantId)
                .map(row -> new LockedHead(toTreeHead(row), Frontier.decode(row.treeSize(), row.frontier()), row.nodeSize()));
    }

    @Override
    public boolean advanceHead(String tenantId, long fromSize, TreeHead head, Frontier frontier) {
        return heads.advance(tenantId, fromSize, head.treeSize(), head.rootHash(), frontier.encode(),
                Objects.requireNonNull(head.updateTime(), "a head that advances has grown, so it has an update time")) == 1;
    }

    @Override
    public List<StoredRecord> find(String tenantId, Collection<String> recordIds) {
        return records.findByTenantIdAndRecordIdIn(tenantId, recordIds).stream().map(this::toStored).toList();
    }

    @Override
    public void insert(String tenantId, List<LoggedRecord> logged) {
        // One JDBC batch rather than the repository's saveAll, which runs one INSERT round trip per record while the
        // tenant's head row is locked (BENCHMARKS.md, audit log). Rows keep the order given: ids follow it.
        List<AuditRecordRow> rows = logged.stream().map(record -> toRow(tenantId, record)).toList();
        transactions.executeWrite(status -> jdbc.prepareStatement("INSERT INTO audit_record (tenant_id, `sequence`, "
                + "record_id, trace_id, action, actor, subject_ref, connection_id, attributes, payload_sha256, "
                + "occur_time, leaf_hash, append_time, candidate_ref, application_ref, requisition_ref) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", insert -> {
                    for (AuditRecordRow row : rows) {
                        insert.setString(1, row.tenantId());
                        insert.setLong(2, row.sequence());
                        insert.setString(3, row.recordId());
                        insert.setString(4, row.traceId());
                        insert.setString(5, row.action());
                        insert.setString(6, row.actor());
                        insert.setString(7, row.subjectRef());
                        insert.setString(8, row.connectionId());
                        insert.setString(9, row.attributes());
                        insert.setBytes(10, row.payloadSha256());
                        insert.setString(11, UtcDateTimeText.format(row.occurTime()));
                        insert.setBytes(12, row.leafHash());
                        insert.setString(13, UtcDateTimeText.format(row.appendTime()));
                        insert.setString(14, row.candidateRef());
                        insert.setString(15, row.applicationRef());
                        insert.setString(16, row.requisitionRef());
                        insert.addBatch();
                    }
                    return insert.executeBatch();
                }));
    }

    @Override
    public List<LoggedRecord> page(String tenantId, RecordFilter filter, long afterSequence, int limit) {
        // findPage runs its own SQL on the connection of a transaction, so it needs one.
        List<AuditRecordRow> rows = transactions.executeRead(status -> records.findPage(tenantId, filter, afterSequence,
                limit));
        return rows.stream().map(this::toLogged).toList();
    }

    @Override
    public List<LoggedRecord> timeline(String tenantId, String candidateId, Collection<String> traceIds,
                                       Collection<String> applicationIds, long afterSequence, int limit) {
        List<AuditRecordRow> rows = transactions.executeRead(status -> records.findTimeline(tenantId, candidateId,
                traceIds, applicationIds, afterSequence, limit));
        return rows.stream().map(this::toLogged).toList();
    }

    @Override
    public List<CandidateTrace> candidateTraces(String tenantId, String candidateId, int limit) {
        return transactions.executeRead(status -> records.findCandidateTraces(tenantId, candidateId,
                PersonalDataRead.ACTION, limit)).stream().map(pair -> new CandidateTrace(pair[0], pair[1])).toList();
    }

    @Override
    public List<StoredRecord> range(String tenantId, long from, long to) {
        return records.findByTenantIdAndSequenceGreaterThanEqualsAndSequenceLessThanOrderBySequence(tenantId, from, to)
                .stream().map(this::toStored).toList();
    }

    @Override
    public long count(String tenantId) {
        return records.countByTenantId(tenantId);
    }

    @Override
    public long nodeSize(String tenantId) {
        return heads.findById(tenantId).map(TreeHeadRow::nodeSize).orElse(0L);
    }

    @Override
    public void setNodeSize(String tenantId, long nodeSize) {
        heads.updateNodeSize(tenantId, nodeSize);
    }

    @Override
    public void insertNodes(String tenantId, List<Subtree.Hashed> nodes) {
        if (nodes.isEmpty()) {
            return;
        }
        transactions.executeWrite(status -> jdbc.prepareStatement(
                "INSERT INTO audit_tree_node (tenant_id, node_level, node_index, hash) VALUES (?, ?, ?, ?)", insert -> {
                    for (Subtree.Hashed node : nodes) {
                        insert.setString(1, tenantId);
                        insert.setInt(2, node.subtree().level());
                        insert.setLong(3, node.subtree().index());
                        insert.setBytes(4, node.hash());
                        insert.addBatch();
                    }
                    return insert.executeBatch();
                }));
    }

    @Override
    public Map<Subtree, byte[]> subtreeHashes(String tenantId, Collection<Subtree> subtrees) {
        List<Subtree> leaves = subtrees.stream().filter(subtree -> subtree.level() == 0).toList();
        List<Subtree> nodes = subtrees.stream().filter(subtree -> subtree.level() > 0).toList();
        Map<Subtree, byte[]> hashes = new HashMap<>();
        transactions.executeRead(status -> {
            if (!leaves.isEmpty()) {
                String sql = "SELECT `sequence`, leaf_hash FROM audit_record WHERE tenant_id = ? AND `sequence` IN ("
                        + "?, ".repeat(leaves.size() - 1) + "?)";
                jdbc.prepareStatement(sql, select -> {
                    select.setString(1, tenantId);
                    for (int i = 0; i < leaves.size(); i++) {
                        select.setLong(i + 2, leaves.get(i).index());
                    }
                    try (ResultSet rows = select.executeQuery()) {
                        while (rows.next()) {
                            hashes.put(new Subtree(0, rows.getLong(1)), rows.getBytes(2));
                        }
                    }
                    return null;
                });
            }
            if (!nodes.isEmpty()) {
                String sql = "SELECT node_level, node_index, hash FROM audit_tree_node WHERE tenant_id = ? AND ("
                        + "(node_level = ? AND node_index = ?) OR ".repeat(nodes.size() - 1)
                        + "(node_level = ? AND node_index = ?))";
                jdbc.prepareStatement(sql, select -> {
                    select.setString(1, tenantId);
                    for (int i = 0; i < nodes.size(); i++) {
                        select.setInt(2 + 2 * i, nodes.get(i).level());
                        select.setLong(3 + 2 * i, nodes.get(i).index());
                    }
                    try (ResultSet rows = select.executeQuery()) {
                        while (rows.next()) {
                            hashes.put(new Subtree(rows.getInt(1), rows.getLong(2)), rows.getBytes(3));
                        }
                    }
                    return null;
                });
            }
            return null;
        });
        return hashes;
    }

    @Override
    public List<Subtree.Hashed> nodesCompletedBy(String tenantId, long from, long to) {
        // The node (L, i) covers leaves [i * 2^L, (i + 1) * 2^L): its last leaf is in [from, to) when
        // from < (i + 1) * 2^L <= to, i.e. i in [floor(from / 2^L), floor(to / 2^L) - 1]. One range per level.
        StringBuilder sql = new StringBuilder("SELECT node_level, node_index, hash FROM audit_tree_node WHERE tenant_id = ? AND (");
        List<long[]> ranges = new ArrayList<>();
        for (int level = 1; level < 63 && (1L << level) <= to; level++) {
            long first = from >> level;
            long last = (to >> level) - 1;
            if (first <= last) {
                sql.append(ranges.isEmpty() ? "" : " OR ").append("(node_level = ? AND node_index BETWEEN ? AND ?)");
                ranges.add(new long[] {level, first, last});
            }
        }
        if (ranges.isEmpty()) {
            return List.of();
        }
        sql.append(")");
        return transactions.executeRead(status -> jdbc.prepareStatement(sql.toString(), select -> {
            select.setString(1, tenantId);
            for (int i = 0; i < ranges.size(); i++) {
                select.setInt(2 + 3 * i, (int) ranges.get(i)[0]);
                select.setLong(3 + 3 * i, ranges.get(i)[1]);
                select.setLong(4 + 3 * i, ranges.get(i)[2]);
            }
            List<Subtree.Hashed> nodes = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    nodes.add(new Subtree.Hashed(new Subtree(rows.getInt(1), rows.getLong(2)), rows.getBytes(3)));
                }
            }
            return nodes;
        }));
    }

    @Override
    public List<byte[]> leafHashes(String tenantId, long from, long to) {
        return transactions.executeRead(status -> jdbc.prepareStatement("SELECT leaf_hash FROM audit_record "
                + "WHERE tenant_id = ? AND `sequence` >= ? AND `sequence` < ? ORDER BY `sequence`", select -> {
                    select.setString(1, tenantId);
                    select.setLong(2, from);
                    select.setLong(3, to);
                    List<byte[]> leaves = new ArrayList<>();
                    try (ResultSet rows = select.executeQuery()) {
                        while (rows.next()) {
                            leaves.add(rows.getBytes(1));
                        }
                    }
                    return leaves;
                }));
    }

    @Override
    public void insertSignedHead(SignedTreeHead head) {
        transactions.executeWrite(status -> jdbc.prepareStatement("INSERT INTO audit_signed_head "
                + "(tenant_id, tree_size, root_hash, head_time, key_id, signature) VALUES (?, ?, ?, ?, ?, ?)", insert -> {
                    insert.setString(1, head.tenantId());
                    insert.setLong(2, head.treeSize());
                    insert.setBytes(3, head.rootHash());
                    insert.setString(4, UtcDateTimeText.format(head.headTime()));
                    insert.setString(5, head.keyId());
                    insert.setBytes(6, head.signature());
                    return insert.executeUpdate();
                }));
    }

    @Override
    public Optional<SignedTreeHead> latestSignedHead(String tenantId) {
        return signedHeads("WHERE tenant_id = ? ORDER BY tree_size DESC, id DESC LIMIT 1", tenantId, 1).stream().findFirst();
    }

    @Override
    public List<SignedTreeHead> signedHeads(String tenantId, int limit) {
        return signedHeads("WHERE tenant_id = ? ORDER BY tree_size, id LIMIT ?", tenantId, limit);
    }

    private List<SignedTreeHead> signedHeads(String where, String tenantId, int limit) {
        return transactions.executeRead(status -> jdbc.prepareStatement("SELECT tenant_id, tree_size, root_hash, "
                + "head_time, key_id, signature FROM audit_signed_head " + where, select -> {
                    select.setString(1, tenantId);
                    if (where.endsWith("?")) {
                        select.setInt(2, limit);
                    }
                    List<SignedTreeHead> found = new ArrayList<>();
                    try (ResultSet rows = select.executeQuery()) {
                        while (rows.next()) {
                            found.add(new SignedTreeHead(rows.getString(1), rows.getLong(2), rows.getBytes(3),
                                    UtcDateTimeText.parse(rows.getString(4)), rows.getString(5), rows.getBytes(6)));
                        }
                    }
                    return found;
                }));
    }

    @Override
    public List<String> tenantsWithUnsignedGrowth(int limit) {
        return transactions.executeRead(status -> jdbc.prepareStatement("SELECT h.tenant_id FROM tree_head h "
                + "LEFT JOIN (SELECT tenant_id, MAX(tree_size) AS signed_size FROM audit_signed_head GROUP BY tenant_id) s "
                + "ON s.tenant_id = h.tenant_id "
                + "WHERE h.tree_size > 0 AND (s.signed_size IS NULL OR s.signed_size < h.tree_size) "
                + "ORDER BY h.tenant_id LIMIT ?", select -> {
                    select.setInt(1, limit);
                    List<String> tenants = new ArrayList<>();
                    try (ResultSet rows = select.executeQuery()) {
                        while (rows.next()) {
                            tenants.add(rows.getString(1));
                        }
                    }
                    return tenants;
                }));
    }

    /** The row id: the database numbers rows in the order they are stored. */
    private static long storeOrder(AuditRecordRow row) {
        return Objects.requireNonNull(row.id(), "a stored row has an id");
    }

    private AuditRecordRow toRow(String tenantId, LoggedRecord record) {
        RecordContent content = record.content();
        RecordReferences references = RecordReferences.of(content);
        return new AuditRecordRow(null, tenantId, record.sequence(), content.recordId(), content.traceId(),
                content.action(), content.actor(), content.subjectRef(), content.connectionId(),
                attributesJson.write(content.attributes()), content.payloadSha256(),
                Objects.requireNonNull(content.occurTime(), "appended content was checked, so it has an occur time"),
                record.leafHash(), record.appendTime(), references.candidateId(), references.applicationId(),
                references.requisitionId());
    }

    private LoggedRecord toLogged(AuditRecordRow row) {
        return new LoggedRecord(toContent(row), row.sequence(), row.leafHash(), row.appendTime());
    }

    /** The record as verification reads it: a record whose content cannot be read back is a finding, not a failure. */
    private StoredRecord toStored(AuditRecordRow row) {
        try {
            return new StoredRecord(row.sequence(), row.recordId(), row.leafHash(), storeOrder(row), toContent(row), "");
        } catch (IllegalStateException e) {
            return new StoredRecord(row.sequence(), row.recordId(), row.leafHash(), storeOrder(row), null,
                    Objects.requireNonNullElse(e.getMessage(), e.toString()));
        }
    }

    /** The content the row's columns give; IllegalStateException when its attributes are not a JSON object of strings. */
    private RecordContent toContent(AuditRecordRow row) {
        return new RecordContent(row.recordId(), row.traceId(), row.action(), row.actor(), row.subjectRef(),
                row.connectionId(), attributesJson.read(row.attributes()), row.payloadSha256(), row.occurTime());
    }

    private static TreeHead toTreeHead(TreeHeadRow row) {
        return new TreeHead(row.treeSize(), row.rootHash(), row.updateTime());
    }
}
