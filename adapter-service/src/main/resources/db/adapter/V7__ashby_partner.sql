-- Ashby assessment partner (Ashby calls atsbridge's assessment.list/start/cancel for an AI_VENDOR
-- connection; atsbridge calls Ashby's assessment.update with the result).
-- Portable subset: MySQL 8, MariaDB 10.11+ and H2 (MySQL mode).

-- The Ashby partner settings of an AI_VENDOR connection, declared in configuration and stored at start-up.
CREATE TABLE ashby_partner_connection (
    connection_id          VARCHAR(100)  NOT NULL,
    tenant_id              VARCHAR(63)   NOT NULL,
    -- The key Ashby presents: AES-256-GCM (Tink), associated data bound to the connection id and purpose.
    partner_key_ciphertext BLOB          NOT NULL,
    -- The customer's Ashby API key atsbridge calls assessment.update with; sealed the same way.
    api_key_ciphertext     BLOB          NOT NULL,
    -- Ashby's API base URL (https://api.ashbyhq.com unless configured).
    base_url               VARCHAR(1000) NOT NULL,
    -- The assessment types offered, one "interview-kit-id<TAB>name" per line.
    tests                  TEXT          NOT NULL,
    update_time            DATETIME(6)   NOT NULL,
    PRIMARY KEY (connection_id)
);

-- One assessment.start: the AI vendor interview created for it and, once completed, its result.
CREATE TABLE ashby_partner_assessment (
    connection_id      VARCHAR(100)  NOT NULL,
    -- atsbridge's id, returned to Ashby as assessment_id.
    assessment_id      VARCHAR(36)   NOT NULL,
    tenant_id          VARCHAR(63)   NOT NULL,
    assessment_type_id VARCHAR(200)  NOT NULL,
    application_id     VARCHAR(200)  NOT NULL,
    interview_id       VARCHAR(200)  CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    -- INVITED, COMPLETE (result stored, assessment.update pending), NOTIFIED (Ashby took the update)
    -- or CANCELLED (Ashby cancelled it; nothing is pushed).
    status             VARCHAR(20)   NOT NULL,
    -- SHA-256 hex of application and assessment type while the assessment is in progress (INVITED), NULL
    -- after: the unique key allows one assessment in progress per application and type (Ashby's 409).
    active_key         VARCHAR(64),
    score              DOUBLE,
    profile_url        VARCHAR(1000),
    -- Flat JSON object of strings reported with the result.
    metadata_json      TEXT,
    create_time        DATETIME(6)   NOT NULL,
    update_time        DATETIME(6)   NOT NULL,
    PRIMARY KEY (connection_id, assessment_id),
    CONSTRAINT ashby_partner_assessment_interview UNIQUE (connection_id, interview_id),
    CONSTRAINT ashby_partner_assessment_active UNIQUE (connection_id, active_key)
);
CREATE INDEX ashby_partner_assessment_application ON ashby_partner_assessment (connection_id, application_id,
    assessment_type_id);
