-- Sync engine: per-application ordering, the stale-event guard and backfill (issue 5).
-- Portable across MySQL 8, MariaDB 10.11 and H2 (MySQL mode).

-- Events naming the same application (or, for AI vendor events, the same interview) are processed one at a
-- time in arrival order: a worker claims an event only when no earlier event with the same key is unfinished.
-- Null for events that name neither (they are processed in any order).
ALTER TABLE inbox_event ADD COLUMN ordering_key VARCHAR(320);
CREATE INDEX inbox_event_ordering ON inbox_event (ordering_key, arrival);
-- How many times the event was claimed: the identity of a claim (a deferred attempt is given back, so
-- attempts alone no longer tells two claims apart).
ALTER TABLE inbox_event ADD COLUMN claims INT NOT NULL DEFAULT 0;

-- What the engine last applied per application: the newest vendor event time it acted on. An event older
-- than that is stale (a delayed retry of an earlier change) and is recorded and skipped. Backfill passes
-- also record what they saw, and a full pass marks the applications it no longer sees as gone.
CREATE TABLE application_state (
    connection_id      VARCHAR(100) NOT NULL,
    application_id     VARCHAR(200) NOT NULL,
    tenant_id          VARCHAR(63)  NOT NULL,
    applied_time       DATETIME(6)  NOT NULL,
    applied_event_id   VARCHAR(64)  NOT NULL,
    stage_id           VARCHAR(200),
    is_open            BOOLEAN      NOT NULL,
    gone_time          DATETIME(6),
    update_time        DATETIME(6)  NOT NULL,
    PRIMARY KEY (connection_id, application_id)
);

-- One backfill pass of a connection: FULL pages through every open application (and detects the ones that
-- are gone), INCREMENTAL only those changed since the previous pass began. The cursor is the checkpoint: a
-- stopped pass resumes from the page after the last one committed.
CREATE TABLE backfill (
    id               VARCHAR(36)   NOT NULL,
    tenant_id        VARCHAR(63)   NOT NULL,
    connection_id    VARCHAR(100)  NOT NULL,
    mode             VARCHAR(20)   NOT NULL,
    status           VARCHAR(20)   NOT NULL,
    cursor_token     TEXT,
    updated_since    DATETIME(6),
    since_token      TEXT,
    next_sync_token  TEXT,
    pages            INT           NOT NULL,
    seen             BIGINT        NOT NULL,
    enqueued         BIGINT        NOT NULL,
    gone             BIGINT        NOT NULL,
    error            VARCHAR(1000),
    -- The replica running the pass holds it until then; a pass whose runner died is taken over after it.
    lease_until      DATETIME(6),
    start_time       DATETIME(6)   NOT NULL,
    update_time      DATETIME(6)   NOT NULL,
    finish_time      DATETIME(6),
    PRIMARY KEY (id)
);
CREATE INDEX backfill_connection ON backfill (connection_id, start_time);
CREATE INDEX backfill_status ON backfill (status);

-- The applications a FULL pass saw, for deletion detection at its end.
CREATE TABLE backfill_seen (
    backfill_id    VARCHAR(36)  NOT NULL,
    application_id VARCHAR(200) NOT NULL,
    PRIMARY KEY (backfill_id, application_id)
);

-- The vendor API version a connection speaks (Greenhouse: v3 by default, v1 for accounts not yet
-- migrated) and, for OAuth client-credentials APIs (Harvest v3), where tokens are fetched.
ALTER TABLE connection ADD COLUMN api_version VARCHAR(10);
ALTER TABLE connection ADD COLUMN token_url VARCHAR(500);
