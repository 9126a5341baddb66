-- identity-service schema. Portable subset: MySQL 8, MariaDB 10.11+ and H2 (MySQL mode).
-- Every row carries its tenant; times are UTC.

CREATE TABLE candidate (
    id            VARCHAR(36)  NOT NULL,
    tenant_id     VARCHAR(63)  NOT NULL,
    given_name    VARCHAR(200) NOT NULL,
    family_name   VARCHAR(200) NOT NULL,
    email         VARCHAR(320) NOT NULL,
    phone         VARCHAR(64)  NOT NULL,
    jurisdictions VARCHAR(500) NOT NULL,
    create_time   DATETIME(6)  NOT NULL,
    update_time   DATETIME(6)  NOT NULL,
    PRIMARY KEY (id)
);
CREATE INDEX candidate_tenant ON candidate (tenant_id, id);

CREATE TABLE requisition (
    id          VARCHAR(36) NOT NULL,
    tenant_id   VARCHAR(63) NOT NULL,
    create_time DATETIME(6) NOT NULL,
    PRIMARY KEY (id)
);

CREATE TABLE application (
    id             VARCHAR(36) NOT NULL,
    tenant_id      VARCHAR(63) NOT NULL,
    candidate_id   VARCHAR(36) NOT NULL,
    requisition_id VARCHAR(36),
    create_time    DATETIME(6) NOT NULL,
    update_time    DATETIME(6) NOT NULL,
    PRIMARY KEY (id)
);
CREATE INDEX application_candidate ON application (tenant_id, candidate_id);

-- One row per external id. The unique key makes resolution atomic: two concurrent first sightings
-- of the same id cannot both create a record.
CREATE TABLE external_link (
    id             BIGINT       NOT NULL AUTO_INCREMENT,
    tenant_id      VARCHAR(63)  NOT NULL,
    connection_id  VARCHAR(100) NOT NULL,
    vendor         VARCHAR(40)  NOT NULL,
    external_kind  VARCHAR(20)  NOT NULL,
    external_id    VARCHAR(200) NOT NULL,
    entity_id      VARCHAR(36)  NOT NULL,
    candidate_id   VARCHAR(36),
    application_id VARCHAR(36),
    create_time    DATETIME(6)  NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT external_link_ref UNIQUE (tenant_id, connection_id, external_kind, external_id)
);
CREATE INDEX external_link_candidate ON external_link (tenant_id, candidate_id, id);
