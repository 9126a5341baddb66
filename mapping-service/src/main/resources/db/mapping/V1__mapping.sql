-- mapping-service schema. Portable subset: MySQL 8, MariaDB 10.11+ and H2 (MySQL mode).
-- Every row carries its tenant; times are UTC.

-- One row per stored version of a mapping profile. Versions are immutable: an upsert adds a row,
-- so every write plan can name the exact version it used and that version stays readable.
-- The unique key on (tenant, profile, version) decides which of two concurrent upserts gets a
-- version number; the other retries with the next one. request_id is NULL when the caller sent
-- none (NULLs never collide in a unique key on all three databases).
CREATE TABLE mapping_profile_version (
    id            BIGINT       NOT NULL AUTO_INCREMENT,
    tenant_id     VARCHAR(63)  NOT NULL,
    profile_id    VARCHAR(100) NOT NULL,
    version       INT          NOT NULL,
    connection_id VARCHAR(100) NOT NULL,
    display_name  VARCHAR(200) NOT NULL,
    -- The field mappings, skill tag rule and note rule as JSON (ProfileRules), in LONGTEXT because
    -- H2 and MariaDB treat the JSON column type differently from MySQL.
    rules         LONGTEXT     NOT NULL,
    request_id    VARCHAR(100),
    create_time   DATETIME(6)  NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT mapping_profile_version_number UNIQUE (tenant_id, profile_id, version),
    CONSTRAINT mapping_profile_version_request UNIQUE (tenant_id, request_id)
);
