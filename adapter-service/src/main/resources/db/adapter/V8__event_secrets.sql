-- Webhook secrets bound to one event type: Lever signs every webhook (one event type each) with its own
-- signature token, so a token verifies deliveries of its own event only.
-- Portable subset: MySQL 8, MariaDB 10.11+ and H2 (MySQL mode).

-- The vendor's event name the secret verifies (Lever: the body's "event", e.g. candidateStageChange); NULL for a
-- secret that verifies any event. The name is also bound into the ciphertext's associated data, so a secret moved
-- to another event in the database no longer decrypts.
ALTER TABLE connection_secret ADD COLUMN event_type VARCHAR(100) NULL;
