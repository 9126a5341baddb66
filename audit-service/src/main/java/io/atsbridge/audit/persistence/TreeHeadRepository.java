package io.atsbridge.audit.persistence;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.MYSQL)
interface TreeHeadRepository extends GenericRepository<TreeHeadRow, String> {

    Optional<TreeHeadRow> findById(String tenantId);

    /** The head, locked until the current transaction ends: this is what orders a tenant's appends. */
    Optional<TreeHeadRow> findByIdForUpdate(String tenantId);

    boolean existsById(String tenantId);

    TreeHeadRow save(TreeHeadRow row);

    /**
     * Moves the head forward from {@code fromSize}; returns the rows changed, 1 unless the head is no
     * longer at {@code fromSize} (which the row lock rules out, and the caller treats as a bug).
     * {@code updateTime} is bound through the column's {@link UtcDateTimeText} converter.
     */
    @Query("UPDATE tree_head SET tree_size = :treeSize, root_hash = :rootHash, frontier = :frontier, "
            + "update_time = :updateTime, node_size = :treeSize WHERE tenant_id = :tenantId AND tree_size = :fromSize")
    long advance(String tenantId, long fromSize, long treeSize, byte[] rootHash, byte[] frontier, Instant updateTime);

    @Query("UPDATE tree_head SET node_size = :nodeSize WHERE tenant_id = :tenantId")
    long updateNodeSize(String tenantId, long nodeSize);
}
