-- consent-service schema. Portable subset: MySQL 8, MariaDB 10.11+ and H2 (MySQL mode).
-- Every row carries its tenant; times are UTC.

-- The consent ledger: append-only, never updated or deleted by the service. A withdrawal is a new
-- entry. seq orders entries as they were stored and positions list pages; entry_id is the public id.
-- request_id is NULL when the caller sent none, so the unique key only binds real request ids;
-- request_fingerprint (SHA-256 of the submitted entry) tells a retry from a reuse of the id for other
-- content without comparing stored times, whose precision depends on the server and driver.
CREATE TABLE consent_entry (
    seq                 BIGINT       NOT NULL AUTO_INCREMENT,
    entry_id            VARCHAR(36)  NOT NULL,
    tenant_id           VARCHAR(63)  NOT NULL,
    candidate_id        VARCHAR(64)  NOT NULL,
    request_id          VARCHAR(100),
    request_fingerprint VARCHAR(64),
    purpose             VARCHAR(100) NOT NULL,
    data_category       VARCHAR(60)  NOT NULL,
    jurisdiction        VARCHAR(16)  NOT NULL,
    consent_method      VARCHAR(30)  NOT NULL,
    consent_state       VARCHAR(20)  NOT NULL,
    evidence_ref        VARCHAR(500) NOT NULL,
    capture_time        DATETIME(6)  NOT NULL,
    record_time         DATETIME(6)  NOT NULL,
    PRIMARY KEY (seq),
    CONSTRAINT consent_entry_public_id UNIQUE (entry_id),
    CONSTRAINT consent_entry_request UNIQUE (tenant_id, request_id)
);
CREATE INDEX consent_entry_candidate ON consent_entry (tenant_id, candidate_id, seq);
