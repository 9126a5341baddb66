-- Outbound events to subscribers (Standard Webhooks v1). Portable subset: MySQL 8, MariaDB 10.11+ and
-- H2 (MySQL mode).

-- A downstream system that receives a tenant's events, declared in configuration and stored at start-up.
-- A subscriber removed from configuration is disabled, not deleted, because deliveries refer to it.
CREATE TABLE subscriber (
    id                   VARCHAR(100)  NOT NULL,
    tenant_id            VARCHAR(63)   NOT NULL,
    url                  VARCHAR(1000) NOT NULL,
    -- The whsec_ signing secret: AES-256-GCM (Tink), associated data bound to the subscriber id.
    secret_ciphertext    BLOB          NOT NULL,
    -- Comma-separated event types it receives, e.g. "sync.succeeded,sync.failed".
    events               VARCHAR(1000) NOT NULL,
    enabled              BOOLEAN       NOT NULL,
    -- Why it is disabled: CONFIGURATION, UNDECLARED, GONE (the endpoint answered 410) or FAILING; null while enabled.
    disabled_cause       VARCHAR(20),
    disabled_reason      VARCHAR(1000),
    disabled_time        DATETIME(6),
    -- Failed delivery attempts in a row, and when the first of them happened; reset by a delivery.
    consecutive_failures INT           NOT NULL DEFAULT 0,
    failing_since        DATETIME(6),
    create_time          DATETIME(6)   NOT NULL,
    update_time          DATETIME(6)   NOT NULL,
    PRIMARY KEY (id)
);
CREATE INDEX subscriber_tenant ON subscriber (tenant_id, enabled);

-- One event for one subscriber, written in the same transaction as the state change it reports and
-- delivered afterwards, at least once. id is the Standard Webhooks webhook-id: derived from (event_id,
-- subscriber_id), so it stays the same across retries and a re-published event finds its row.
-- payload may hold personal data: never in logs.
CREATE TABLE outbound_event (
    id                VARCHAR(64)   NOT NULL,
    event_id          VARCHAR(100)  NOT NULL,
    tenant_id         VARCHAR(63)   NOT NULL,
    subscriber_id     VARCHAR(100)  NOT NULL,
    event_type        VARCHAR(40)   NOT NULL,
    -- The exact JSON body sent: {"type", "timestamp", "data"}.
    payload           MEDIUMTEXT    NOT NULL,
    -- PENDING, DELIVERED, FAILED (every attempt of the schedule failed) or ABANDONED (subscriber disabled).
    status            VARCHAR(20)   NOT NULL DEFAULT 'PENDING',
    attempts          INT           NOT NULL DEFAULT 0,
    next_attempt_time DATETIME(6)   NOT NULL,
    -- While a relay sends it: the row is not claimed again before this time (a relay that died is replaced).
    lease_until       DATETIME(6),
    last_status_code  INT,
    last_error        VARCHAR(1000),
    create_time       DATETIME(6)   NOT NULL,
    deliver_time      DATETIME(6),
    PRIMARY KEY (id),
    CONSTRAINT outbound_event_delivery UNIQUE (event_id, subscriber_id)
);
CREATE INDEX outbound_event_due ON outbound_event (status, next_attempt_time);
CREATE INDEX outbound_event_subscriber ON outbound_event (subscriber_id, status);
CREATE INDEX outbound_event_recent ON outbound_event (subscriber_id, create_time);
