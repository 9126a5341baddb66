-- Field ownership and the conflict review queue (never overwrite a recruiter's edit). Portable subset:
-- MySQL 8, MariaDB 10.11+ and H2 (MySQL mode); one column per ALTER statement.

-- SHA-256 (hex) of the AI result last written back for the case: a re-sent completion with the same
-- result is ignored, a re-scored one is written again (under the ownership rules below).
ALTER TABLE loop_case ADD COLUMN result_sha256 VARCHAR(64);

-- Who holds each custom field value atsbridge has written (or been told to leave alone), per ATS record.
-- owner ATSBRIDGE: atsbridge wrote observed_text last and may overwrite it while the ATS still shows it.
-- owner PERSON: an operator kept a person's value (KEEP_THEIRS); atsbridge leaves the field alone until
-- an operator applies atsbridge's value to it. Updated in the same transaction as write_record.
CREATE TABLE field_ownership (
    ats_connection_id VARCHAR(100) NOT NULL,
    -- CANDIDATE or APPLICATION.
    scope             VARCHAR(20)  NOT NULL,
    -- The ATS record's id (Greenhouse candidate or application id).
    record_id         VARCHAR(200) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    field_key         VARCHAR(200) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    tenant_id         VARCHAR(63)  NOT NULL,
    owner             VARCHAR(20)  NOT NULL,
    -- The value as atsbridge sent it (option id for a select); null for a person's value.
    written_text      TEXT,
    -- The value as the ATS shows it (option name for a select), what later reads are compared with.
    observed_text     TEXT,
    update_time       DATETIME(6)  NOT NULL,
    PRIMARY KEY (ats_connection_id, scope, record_id, field_key)
);

-- A value atsbridge did not write because a person had changed the field: the review queue. theirs and
-- ours may be personal data: never in logs or audit records. seq orders the queue (oldest first).
CREATE TABLE write_conflict (
    id                      VARCHAR(36)  NOT NULL,
    seq                     BIGINT       NOT NULL AUTO_INCREMENT UNIQUE,
    tenant_id               VARCHAR(63)  NOT NULL,
    ats_connection_id       VARCHAR(100) NOT NULL,
    case_id                 VARCHAR(36)  NOT NULL,
    trace_id                VARCHAR(36)  NOT NULL,
    scope                   VARCHAR(20)  NOT NULL,
    record_id               VARCHAR(200) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    candidate_external_id   VARCHAR(200) NOT NULL,
    application_external_id VARCHAR(200) NOT NULL,
    job_external_id         VARCHAR(200),
    field_key               VARCHAR(200) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    -- How ours is written: NUMBER, TEXT, OPTION or URL.
    value_kind              VARCHAR(20)  NOT NULL,
    theirs                  TEXT,
    ours                    TEXT         NOT NULL,
    -- OPEN, KEPT_THEIRS, APPLIED_OURS.
    status                  VARCHAR(20)  NOT NULL,
    create_time             DATETIME(6)  NOT NULL,
    update_time             DATETIME(6)  NOT NULL,
    resolve_time            DATETIME(6),
    resolved_by             VARCHAR(200),
    -- The caller's request_id of the resolution: a retry of the same request is answered, not refused.
    resolve_request_id      VARCHAR(100),
    PRIMARY KEY (id)
);
CREATE INDEX write_conflict_tenant_status ON write_conflict (tenant_id, status, seq);
CREATE INDEX write_conflict_field ON write_conflict (ats_connection_id, scope, record_id, field_key, status);
