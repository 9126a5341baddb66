-- The loop: sync settings on connections, inbox processing state, loop cases, what was written back,
-- and the audit outbox. Portable subset: MySQL 8, MariaDB 10.11+ and H2 (MySQL mode); one column per
-- ALTER statement because H2 does not take a list of ADD COLUMN clauses.

-- How the loop runs for an ATS connection; all null for connections that only receive.
ALTER TABLE connection ADD COLUMN sync_trigger_stage VARCHAR(200);
ALTER TABLE connection ADD COLUMN sync_mapping_profile VARCHAR(100);
ALTER TABLE connection ADD COLUMN sync_ai_connection VARCHAR(100);
ALTER TABLE connection ADD COLUMN sync_on_behalf_of VARCHAR(100);
ALTER TABLE connection ADD COLUMN sync_interview_kit VARCHAR(200);
-- Comma-separated jurisdiction codes (codes never contain a comma), e.g. "US-IL,EU".
ALTER TABLE connection ADD COLUMN sync_jurisdictions VARCHAR(1000);
-- The ATS candidate custom field (immutable key) that holds the candidate's jurisdiction codes; may be null.
ALTER TABLE connection ADD COLUMN sync_jurisdiction_field VARCHAR(200);

-- Arrival order: the sync engine takes events in the order the inbox stored them. Existing rows are
-- numbered when the column is added.
ALTER TABLE inbox_event ADD COLUMN arrival BIGINT NOT NULL AUTO_INCREMENT UNIQUE;
-- What processing concluded (DONE, IGNORED, BLOCKED, FAILED) or why the last attempt failed, for people.
ALTER TABLE inbox_event ADD COLUMN outcome VARCHAR(1000);
ALTER TABLE inbox_event ADD COLUMN processed_time DATETIME(6);
CREATE INDEX inbox_event_tenant_status ON inbox_event (tenant_id, status);

-- One trip through the loop: an application entered the trigger stage of an ATS connection. The
-- unique key makes a replayed or re-sent stage change find the case instead of starting a second
-- interview. candidate_id / application_id are identity-service's canonical ids.
CREATE TABLE loop_case (
    id                      VARCHAR(36)  NOT NULL,
    tenant_id               VARCHAR(63)  NOT NULL,
    ats_connection_id       VARCHAR(100) NOT NULL,
    application_external_id VARCHAR(200) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    candidate_external_id   VARCHAR(200) NOT NULL,
    job_external_id         VARCHAR(200),
    trigger_stage_id        VARCHAR(200) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    candidate_id            VARCHAR(100) NOT NULL,
    application_id          VARCHAR(100) NOT NULL,
    ai_connection_id        VARCHAR(100) NOT NULL,
    interview_id            VARCHAR(200) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin,
    trace_id                VARCHAR(36)  NOT NULL,
    -- TRIGGERED, CONSENT_BLOCKED, INVITED, WRITING, WRITTEN, FAILED.
    status                  VARCHAR(20)  NOT NULL,
    -- The inbox event that started the case, and the one writing its results back (while WRITING).
    trigger_event_id        VARCHAR(36)  NOT NULL,
    writer_event_id         VARCHAR(36),
    trigger_receive_time    DATETIME(6)  NOT NULL,
    invite_time             DATETIME(6),
    complete_time           DATETIME(6),
    write_time              DATETIME(6),
    detail                  VARCHAR(1000),
    create_time             DATETIME(6)  NOT NULL,
    update_time             DATETIME(6)  NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT loop_case_trigger UNIQUE (ats_connection_id, application_external_id, trigger_stage_id)
);
CREATE INDEX loop_case_interview ON loop_case (ai_connection_id, interview_id);
CREATE INDEX loop_case_tenant_status ON loop_case (tenant_id, status);

-- Exactly what atsbridge wrote onto the ATS record for a case: one row per custom field, tag and
-- note. It is the field-ownership record that conflict detection builds on.
CREATE TABLE write_record (
    id          VARCHAR(36)  NOT NULL,
    tenant_id   VARCHAR(63)  NOT NULL,
    case_id     VARCHAR(36)  NOT NULL,
    -- CANDIDATE or APPLICATION (custom fields), TAG, NOTE.
    scope       VARCHAR(20)  NOT NULL,
    field_key   VARCHAR(200) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    value_text  TEXT,
    note_id     VARCHAR(64),
    write_time  DATETIME(6)  NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT write_record_field UNIQUE (case_id, scope, field_key)
);

-- Audit records written in the same transaction as the state change they describe, relayed to
-- audit-service afterwards, at least once (audit-service deduplicates on record_id).
CREATE TABLE audit_outbox (
    seq            BIGINT       NOT NULL AUTO_INCREMENT,
    tenant_id      VARCHAR(63)  NOT NULL,
    record_id      VARCHAR(64)  NOT NULL,
    trace_id       VARCHAR(100) NOT NULL,
    action         VARCHAR(100) NOT NULL,
    subject_ref    VARCHAR(100) NOT NULL,
    connection_id  VARCHAR(100) NOT NULL,
    -- JSON object of string attributes: ids, codes and versions, never personal data.
    attributes     TEXT         NOT NULL,
    payload_sha256 VARBINARY(32),
    occur_time     DATETIME(6)  NOT NULL,
    create_time    DATETIME(6)  NOT NULL,
    sent_time      DATETIME(6),
    -- Set when audit-service refused the record for good; the row is then no longer relayed.
    relay_error    VARCHAR(1000),
    PRIMARY KEY (seq),
    CONSTRAINT audit_outbox_record UNIQUE (tenant_id, record_id)
);
CREATE INDEX audit_outbox_unsent ON audit_outbox (sent_time, seq);
