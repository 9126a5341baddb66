-- audit-service schema. Portable subset: MySQL 8, MariaDB 10.11+ and H2 (MySQL mode).
-- Every row carries its tenant; times are UTC. The service only ever INSERTs into audit_record:
-- a record, once appended, is never changed or removed (erasure works because records hold
-- references and hashes, never personal data).
--
-- Tables use a binary collation so that ids compare exactly as the Merkle leaves encode them: with a
-- server's default case-insensitive collation, "Rec-1" and "rec-1" would be one record_id.

-- One row per appended record. sequence is the record's 0-based Merkle leaf index in its tenant's
-- log; leaf_hash is SHA-256(0x00 || canonical record bytes), kept so that heads and proofs can be
-- computed without re-encoding, and re-checked against the content by verification.
CREATE TABLE audit_record (
    id             BIGINT        NOT NULL AUTO_INCREMENT,
    tenant_id      VARCHAR(63)   NOT NULL,
    sequence       BIGINT        NOT NULL,
    record_id      VARCHAR(100)  NOT NULL,
    trace_id       VARCHAR(100)  NOT NULL,
    action         VARCHAR(100)  NOT NULL,
    actor          VARCHAR(200)  NOT NULL,
    subject_ref    VARCHAR(100)  NOT NULL,
    connection_id  VARCHAR(100)  NOT NULL,
    attributes     LONGTEXT      NOT NULL,
    payload_sha256 VARBINARY(32) NOT NULL,
    occur_time     DATETIME(6)   NOT NULL,
    leaf_hash      VARBINARY(32) NOT NULL,
    append_time    DATETIME(6)   NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT audit_record_sequence UNIQUE (tenant_id, sequence),
    CONSTRAINT audit_record_record_id UNIQUE (tenant_id, record_id)
) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX audit_record_trace ON audit_record (tenant_id, trace_id, sequence);
CREATE INDEX audit_record_subject ON audit_record (tenant_id, subject_ref, sequence);
CREATE INDEX audit_record_action ON audit_record (tenant_id, action, sequence);

-- The current head of each tenant's log, kept incrementally. frontier holds the roots of the perfect
-- subtrees that make up a tree of tree_size leaves (one per set bit of tree_size, largest first) as
-- concatenated 32-byte hashes: at most 63 of them. Appends lock this row (SELECT ... FOR UPDATE),
-- which is what orders concurrent appends of one tenant. update_time is NULL until the log first grows.
CREATE TABLE tree_head (
    tenant_id   VARCHAR(63)     NOT NULL,
    tree_size   BIGINT          NOT NULL,
    root_hash   VARBINARY(32)   NOT NULL,
    frontier    VARBINARY(2016) NOT NULL,
    update_time DATETIME(6),
    PRIMARY KEY (tenant_id)
) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
