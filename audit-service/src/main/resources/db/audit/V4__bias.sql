-- Bias audits (#16): NYC LL144 impact ratios and the four-fifths rule. Portable subset: MySQL 8, MariaDB 10.11+
-- and H2 (MySQL mode). Candidates' self-identified categories live in bias_demographic alone: no other table of
-- atsbridge holds them, no audit record names them, and EraseCandidate deletes them.

-- One candidate's voluntary self-identification (EEO-1 categories); NULL is "not given"; declined marks a refusal.
CREATE TABLE bias_demographic (
    tenant_id      VARCHAR(63)  NOT NULL,
    candidate_id   VARCHAR(100) NOT NULL,
    sex            VARCHAR(16),
    race_ethnicity VARCHAR(48),
    declined       BOOLEAN      NOT NULL,
    update_time    DATETIME(6)  NOT NULL,
    PRIMARY KEY (tenant_id, candidate_id)
) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- What a tool (AI vendor connection, model, version) produced for a candidate on a requisition, and what happened.
CREATE TABLE bias_outcome (
    tenant_id      VARCHAR(63)    NOT NULL,
    connection_id  VARCHAR(100)   NOT NULL,
    requisition_id VARCHAR(100)   NOT NULL,
    candidate_id   VARCHAR(100)   NOT NULL,
    model          VARCHAR(100)   NOT NULL,
    model_version  VARCHAR(100)   NOT NULL,
    job_category   VARCHAR(100)   NOT NULL,
    score          DECIMAL(24, 6),
    recommendation VARCHAR(100)   NOT NULL,
    advanced       BOOLEAN        NOT NULL,
    selected       BOOLEAN        NOT NULL,
    assess_time    DATETIME(6)    NOT NULL,
    update_time    DATETIME(6)    NOT NULL,
    PRIMARY KEY (tenant_id, connection_id, requisition_id, candidate_id)
) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX bias_outcome_candidate ON bias_outcome (tenant_id, candidate_id);
CREATE INDEX bias_outcome_time ON bias_outcome (tenant_id, connection_id, assess_time);

-- An auditor's historical data as aggregate counts (the CSV as uploaded, checked; sha256 makes re-uploads idempotent).
CREATE TABLE bias_aggregate_upload (
    tenant_id     VARCHAR(63)   NOT NULL,
    upload_id     VARCHAR(100)  NOT NULL,
    connection_id VARCHAR(100)  NOT NULL,
    model         VARCHAR(100)  NOT NULL,
    model_version VARCHAR(100)  NOT NULL,
    job_category  VARCHAR(100)  NOT NULL,
    rate_kind     VARCHAR(16)   NOT NULL,
    period_start  DATE          NOT NULL,
    period_end    DATE          NOT NULL,
    data_source   VARCHAR(2000) NOT NULL,
    csv           MEDIUMTEXT    NOT NULL,
    sha256        VARBINARY(32) NOT NULL,
    upload_time   DATETIME(6)   NOT NULL,
    PRIMARY KEY (tenant_id, upload_id)
) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Generated reports (aggregate counts only), as the JSON whose SHA-256 the audit log records.
CREATE TABLE bias_report (
    tenant_id     VARCHAR(63)   NOT NULL,
    report_id     VARCHAR(100)  NOT NULL,
    connection_id VARCHAR(100)  NOT NULL,
    report_json   MEDIUMTEXT    NOT NULL,
    sha256        VARBINARY(32) NOT NULL,
    generate_time DATETIME(6)   NOT NULL,
    PRIMARY KEY (tenant_id, report_id)
) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Independent bias audits on record: what consent-service's LL144 rules (NYC-01, NYC-02) check before AI scoring.
CREATE TABLE bias_audit (
    tenant_id         VARCHAR(63)   NOT NULL,
    audit_id          VARCHAR(100)  NOT NULL,
    connection_id     VARCHAR(100)  NOT NULL,
    model             VARCHAR(100)  NOT NULL,
    model_version     VARCHAR(100)  NOT NULL,
    audit_date        DATE          NOT NULL,
    summary_url       VARCHAR(2000) NOT NULL,
    distribution_date DATE          NOT NULL,
    report_id         VARCHAR(100)  NOT NULL,
    record_time       DATETIME(6)   NOT NULL,
    PRIMARY KEY (tenant_id, audit_id)
) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX bias_audit_tool ON bias_audit (tenant_id, connection_id, audit_date);
