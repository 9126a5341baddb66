-- A notice recorded by its stable notice id (purpose notice:<notice id>) names the version of the text shown and
-- the SHA-256 of the text as rendered for the candidate, so the ledger proves which words the candidate saw.
-- NULL for every other entry and for entries stored before the columns existed (notices keyed by rule id).
ALTER TABLE consent_entry ADD COLUMN notice_version INT;
ALTER TABLE consent_entry ADD COLUMN text_sha256 VARCHAR(64);
