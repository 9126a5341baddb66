-- Proofs and signed heads (#15). Portable subset: MySQL 8, MariaDB 10.11+ and H2 (MySQL mode).

-- The hash of every complete perfect subtree of each tenant's tree above the leaves: the node at
-- node_level L and node_index i covers the leaves [i * 2^L, (i + 1) * 2^L). Leaves (level 0) are
-- audit_record.leaf_hash. A node never changes once its subtree is complete, so an append only
-- inserts the nodes its leaves complete (about one per leaf), and every inclusion or consistency
-- proof, at any tree size, is assembled from O(log^2 n) of these rows read by primary key.
CREATE TABLE audit_tree_node (
    tenant_id  VARCHAR(63)   NOT NULL,
    node_level TINYINT       NOT NULL,
    node_index BIGINT        NOT NULL,
    hash       VARBINARY(32) NOT NULL,
    PRIMARY KEY (tenant_id, node_level, node_index)
) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- node_size: audit_tree_node holds every node of the tree of this many leaves. Logs that grew before
-- this table existed start at 0 and are caught up (in one pass over their leaf hashes) by their next
-- append or proof.
ALTER TABLE tree_head ADD COLUMN node_size BIGINT NOT NULL DEFAULT 0;

-- Signed tree heads: what the log committed to, signed with Ed25519, kept so that verification can
-- name the signed head a tampered record contradicts. signature is over the canonical head bytes
-- (docs/audit.md); key_id names the key, so heads stay verifiable after the key is rotated.
CREATE TABLE audit_signed_head (
    id        BIGINT        NOT NULL AUTO_INCREMENT,
    tenant_id VARCHAR(63)   NOT NULL,
    tree_size BIGINT        NOT NULL,
    root_hash VARBINARY(32) NOT NULL,
    head_time DATETIME(6)   NOT NULL,
    key_id    VARCHAR(100)  NOT NULL,
    signature VARBINARY(64) NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT audit_signed_head_size_key UNIQUE (tenant_id, tree_size, key_id)
) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
