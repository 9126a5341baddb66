-- Greenhouse Assessment Partner API (atsbridge answers Greenhouse for an AI_VENDOR connection).
-- Portable subset: MySQL 8, MariaDB 10.11+ and H2 (MySQL mode).

-- The partner settings of an AI_VENDOR connection, declared in configuration and stored at start-up.
CREATE TABLE partner_connection (
    connection_id  VARCHAR(100) NOT NULL,
    tenant_id      VARCHAR(63)  NOT NULL,
    -- The key Greenhouse presents: AES-256-GCM (Tink), associated data bound to the connection id.
    key_ciphertext BLOB         NOT NULL,
    -- The tests offered, one "interview-kit-id<TAB>name" per line.
    tests          TEXT         NOT NULL,
    update_time    DATETIME(6)  NOT NULL,
    PRIMARY KEY (connection_id)
);

-- One send_test: the AI vendor interview created for it and, once completed, its result.
CREATE TABLE partner_assessment (
    connection_id   VARCHAR(100) NOT NULL,
    interview_id    VARCHAR(200) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    tenant_id       VARCHAR(63)  NOT NULL,
    test_id         VARCHAR(200) NOT NULL,
    completion_url  VARCHAR(1000) NOT NULL,
    -- INVITED, COMPLETE (result stored, completion PATCH pending) or NOTIFIED (PATCH answered 2xx).
    status          VARCHAR(20)  NOT NULL,
    score           DOUBLE,
    profile_url     VARCHAR(1000),
    -- Flat JSON object of strings shown with the result.
    metadata_json   TEXT,
    create_time     DATETIME(6)  NOT NULL,
    update_time     DATETIME(6)  NOT NULL,
    PRIMARY KEY (connection_id, interview_id)
);
