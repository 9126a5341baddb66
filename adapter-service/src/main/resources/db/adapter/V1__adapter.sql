-- adapter-service schema. Portable subset: MySQL 8, MariaDB 10.11+ and H2 (MySQL mode).
-- Every row carries its tenant (directly or through its connection); times are UTC.

-- One tenant's link to one vendor account, declared in configuration and stored at start-up.
-- The id is globally unique because it appears in webhook URLs.
CREATE TABLE connection (
    id                     VARCHAR(100) NOT NULL,
    tenant_id              VARCHAR(63)  NOT NULL,
    vendor                 VARCHAR(40)  NOT NULL,
    kind                   VARCHAR(20)  NOT NULL,
    display_name           VARCHAR(200) NOT NULL,
    base_url               VARCHAR(500) NOT NULL,
    enabled                BOOLEAN      NOT NULL,
    -- AES-256-GCM (Tink), associated data bound to the connection id; null when no credentials.
    credentials_ciphertext BLOB,
    create_time            DATETIME(6)  NOT NULL,
    update_time            DATETIME(6)  NOT NULL,
    PRIMARY KEY (id)
);
CREATE INDEX connection_tenant ON connection (tenant_id, id);

-- The active webhook secrets of a connection; more than one while a secret is rotated.
CREATE TABLE connection_secret (
    secret_id     VARCHAR(36)  NOT NULL,
    connection_id VARCHAR(100) NOT NULL,
    ciphertext    BLOB         NOT NULL,
    create_time   DATETIME(6)  NOT NULL,
    PRIMARY KEY (secret_id)
);
CREATE INDEX connection_secret_connection ON connection_secret (connection_id);

-- The durable inbox. The unique key makes ingestion idempotent: a vendor's retry of a delivery can
-- never be stored twice. delivery_key compares byte for byte (binary collation), whatever the
-- database's default collation, because vendors' keys may differ only in case.
CREATE TABLE inbox_event (
    id                VARCHAR(36)  NOT NULL,
    tenant_id         VARCHAR(63)  NOT NULL,
    connection_id     VARCHAR(100) NOT NULL,
    delivery_key      VARCHAR(200) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    vendor            VARCHAR(40)  NOT NULL,
    event_type        VARCHAR(40)  NOT NULL,
    vendor_event_type VARCHAR(200) NOT NULL,
    -- JSON list of {connectionId, vendor, kind, id}.
    external_refs     TEXT         NOT NULL,
    occur_time        DATETIME(6),
    receive_time      DATETIME(6)  NOT NULL,
    raw_body          LONGBLOB     NOT NULL,
    content_type      VARCHAR(200) NOT NULL,
    status            VARCHAR(20)  NOT NULL DEFAULT 'PENDING',
    attempts          INT          NOT NULL DEFAULT 0,
    lease_until       DATETIME(6),
    create_time       DATETIME(6)  NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT inbox_event_delivery UNIQUE (connection_id, delivery_key)
);
CREATE INDEX inbox_event_claim ON inbox_event (status, lease_until);
