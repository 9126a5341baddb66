-- One assessment-partner model: every ATS that orders AI interviews from atsbridge as its assessment partner
-- (Greenhouse's Assessment Partner API, Ashby's assessments integration) is stored in the same two tables, each
-- row naming its protocol, the ATS's vendor name as the connectors library registers it (GREENHOUSE, ASHBY).
-- Replaces partner_connection / partner_assessment (V4, Greenhouse) and ashby_partner_connection /
-- ashby_partner_assessment (V7); their rows move here.
-- Portable subset: MySQL 8, MariaDB 10.11+ and H2 (MySQL mode).

-- The partner settings of an AI_VENDOR connection per protocol, declared in configuration and stored at start-up.
CREATE TABLE assessment_partner (
    connection_id          VARCHAR(100)  NOT NULL,
    -- The ATS's protocol: GREENHOUSE or ASHBY.
    protocol               VARCHAR(50)   NOT NULL,
    tenant_id              VARCHAR(63)   NOT NULL,
    -- The key the ATS presents: AES-256-GCM (Tink), associated data bound to the owner name and purpose
    -- (Greenhouse: the connection id; Ashby: ashby-partner:<connection id>, as V7 sealed them).
    partner_key_ciphertext BLOB          NOT NULL,
    -- The credential of the completion callback when it is not the partner key (Ashby: the customer's API key,
    -- owner ashby-api:<connection id>); NULL when the partner key is used (Greenhouse).
    api_key_ciphertext     BLOB,
    -- The ATS's API base URL the completion goes to (Ashby); NULL when each assessment names its own URL (Greenhouse).
    base_url               VARCHAR(1000),
    -- The tests (assessment types) offered, one "interview-kit-id<TAB>name" per line.
    tests                  TEXT          NOT NULL,
    update_time            DATETIME(6)   NOT NULL,
    PRIMARY KEY (connection_id, protocol)
);

INSERT INTO assessment_partner (connection_id, protocol, tenant_id, partner_key_ciphertext, api_key_ciphertext, base_url,
                                tests, update_time)
SELECT connection_id, 'GREENHOUSE', tenant_id, key_ciphertext, NULL, NULL, tests, update_time FROM partner_connection;

INSERT INTO assessment_partner (connection_id, protocol, tenant_id, partner_key_ciphertext, api_key_ciphertext, base_url,
                                tests, update_time)
SELECT connection_id, 'ASHBY', tenant_id, partner_key_ciphertext, api_key_ciphertext, base_url, tests, update_time
FROM ashby_partner_connection;

-- One assessment the ATS ordered: the AI vendor interview created for it and, once completed, its result.
CREATE TABLE assessment_partner_assessment (
    connection_id      VARCHAR(100)  NOT NULL,
    -- The id the ATS knows the assessment by: Greenhouse's partner_interview_id (the interview id), Ashby's
    -- assessment_id (atsbridge's UUID).
    assessment_id      VARCHAR(200)  CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    -- The ATS's protocol: GREENHOUSE or ASHBY; the interview's completion is reported the way it says.
    protocol           VARCHAR(50)   NOT NULL,
    tenant_id          VARCHAR(63)   NOT NULL,
    -- The test (assessment type) ordered.
    test_id            VARCHAR(200)  NOT NULL,
    -- The ATS's application the candidate is assessed for (Ashby); NULL when the ATS names none (Greenhouse).
    application_id     VARCHAR(200),
    interview_id       VARCHAR(200)  CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    -- Where the completion is reported when the assessment names it (Greenhouse's completion URL); NULL otherwise.
    completion_url     VARCHAR(1000),
    -- INVITED, COMPLETE (result stored, completion pending), NOTIFIED (the ATS took the completion)
    -- or CANCELLED (the ATS cancelled it; nothing is reported).
    status             VARCHAR(20)   NOT NULL,
    -- SHA-256 hex of application and test while the assessment is in progress (INVITED), NULL after and for
    -- protocols without that rule: the unique key allows one assessment in progress per application and test
    -- (Ashby's 409).
    active_key         VARCHAR(64),
    score              DOUBLE,
    profile_url        VARCHAR(1000),
    -- Flat JSON object of strings shown with the result.
    metadata_json      TEXT,
    create_time        DATETIME(6)   NOT NULL,
    update_time        DATETIME(6)   NOT NULL,
    PRIMARY KEY (connection_id, assessment_id),
    CONSTRAINT assessment_partner_assessment_interview UNIQUE (connection_id, interview_id),
    CONSTRAINT assessment_partner_assessment_active UNIQUE (connection_id, protocol, active_key)
);
CREATE INDEX assessment_partner_assessment_application ON assessment_partner_assessment (connection_id, protocol,
    application_id, test_id);

INSERT INTO assessment_partner_assessment (connection_id, assessment_id, protocol, tenant_id, test_id, application_id,
                                           interview_id, completion_url, status, active_key, score, profile_url,
                                           metadata_json, create_time, update_time)
SELECT connection_id, interview_id, 'GREENHOUSE', tenant_id, test_id, NULL, interview_id, completion_url, status, NULL,
       score, profile_url, metadata_json, create_time, update_time
FROM partner_assessment;

INSERT INTO assessment_partner_assessment (connection_id, assessment_id, protocol, tenant_id, test_id, application_id,
                                           interview_id, completion_url, status, active_key, score, profile_url,
                                           metadata_json, create_time, update_time)
SELECT connection_id, assessment_id, 'ASHBY', tenant_id, assessment_type_id, application_id, interview_id, NULL, status,
       active_key, score, profile_url, metadata_json, create_time, update_time
FROM ashby_partner_assessment;

DROP TABLE partner_assessment;
DROP TABLE partner_connection;
DROP TABLE ashby_partner_assessment;
DROP TABLE ashby_partner_connection;
