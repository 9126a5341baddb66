package io.atsbridge.audit.persistence;

import io.atsbridge.audit.domain.Frontier;
import io.atsbridge.audit.domain.LogStore;
import io.atsbridge.audit.domain.LoggedRecord;
import io.atsbridge.audit.domain.RecordContent;
import io.atsbridge.audit.domain.RecordFilter;
import io.atsbridge.audit.domain.TreeHead;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The tables {@code audit_record} and {@code tree_head}, with record attributes stored as {@link AttributesJson}. */
@Singleton
final class JdbcLogStore implements LogStore {

    private final TransactionOperations<Connection> transactions;
    private final AuditRecordRepository records;
    private final TreeHeadRepository heads;
    private final AttributesJson attributesJson;

    JdbcLogStore(TransactionOperations<Connection> transactions, AuditRecordRepository records,
                 TreeHeadRepository heads, AttributesJson attributesJson) {
        this.transactions = transactions;
        this.records = records;
        this.heads = heads;
        this.attributesJson = attributesJson;
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
        heads.save(new TreeHeadRow(tenantId, head.treeSize(), head.rootHash(), frontier.encode(), head.updateTime()));
    }

    @Override
    public Optional<LockedHead> lockHead(String tenantId) {
        return heads.findByIdForUpdate(tenantId)
                .map(row -> new LockedHead(toTreeHead(row), Frontier.decode(row.treeSize(), row.frontier())));
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
        records.saveAll(logged.stream().map(record -> toRow(tenantId, record)).toList());
    }

    @Override
    public List<LoggedRecord> page(String tenantId, RecordFilter filter, long afterSequence, int limit) {
        // findPage runs its own SQL on the connection of a transaction, so it needs one.
        List<AuditRecordRow> rows = transactions.executeRead(status -> records.findPage(tenantId, filter.traceId(),
                filter.subjectRef(), filter.action(), filter.startTime(), filter.endTime(), afterSequence, limit));
        return rows.stream().map(this::toLogged).toList();
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

    private AuditRecordRow toRow(String tenantId, LoggedRecord record) {
        RecordContent content = record.content();
        return new AuditRecordRow(null, tenantId, record.sequence(), content.recordId(), content.traceId(),
                content.action(), content.actor(), content.subjectRef(), content.connectionId(),
                attributesJson.write(content.attributes()), content.payloadSha256(),
                Objects.requireNonNull(content.occurTime(), "appended content was checked, so it has an occur time"),
                record.leafHash(), record.appendTime());
    }

    private LoggedRecord toLogged(AuditRecordRow row) {
        return new LoggedRecord(toContent(row), row.sequence(), row.leafHash(), row.appendTime());
    }

    /** The record as verification reads it: a record whose content cannot be read back is a finding, not a failure. */
    private StoredRecord toStored(AuditRecordRow row) {
        try {
            return new StoredRecord(row.sequence(), row.recordId(), row.leafHash(), toContent(row), "");
        } catch (IllegalStateException e) {
            return new StoredRecord(row.sequence(), row.recordId(), row.leafHash(), null,
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
