-- Compliance queries (#15). Portable subset: MySQL 8, MariaDB 10.11+ and H2 (MySQL mode).
--
-- The references compliance asks about that records carry as attributes, copied into indexed columns:
-- candidate_ref, application_ref and requisition_ref hold the record's attribute candidate_id, application_id and
-- requisition_id when it is an id (1..100 visible ASCII characters without spaces), else ''. The leaf commits to the
-- attributes, not to these columns: they are an index, derived from the content and never verified on their own.
ALTER TABLE audit_record ADD COLUMN candidate_ref VARCHAR(100) NOT NULL DEFAULT '';
ALTER TABLE audit_record ADD COLUMN application_ref VARCHAR(100) NOT NULL DEFAULT '';
ALTER TABLE audit_record ADD COLUMN requisition_ref VARCHAR(100) NOT NULL DEFAULT '';

-- Records appended before this migration: the value is read from the stored attributes, a JSON object written with
-- keys in ascending order and no spaces ({"candidate_id":"c-1",...}), from after '"<key>":"' to the next '"'. A key
-- that merely ends in the name (merged_candidate_id) is preceded by '_', not '"', so it does not match.
UPDATE audit_record
SET candidate_ref = SUBSTRING(attributes, LOCATE('"candidate_id":"', attributes) + 16,
        LOCATE('"', attributes, LOCATE('"candidate_id":"', attributes) + 16) - LOCATE('"candidate_id":"', attributes) - 16)
WHERE LOCATE('"candidate_id":"', attributes) > 0
  AND LOCATE('"', attributes, LOCATE('"candidate_id":"', attributes) + 16) - LOCATE('"candidate_id":"', attributes) - 16
      BETWEEN 1 AND 100;
UPDATE audit_record
SET application_ref = SUBSTRING(attributes, LOCATE('"application_id":"', attributes) + 18,
        LOCATE('"', attributes, LOCATE('"application_id":"', attributes) + 18) - LOCATE('"application_id":"', attributes) - 18)
WHERE LOCATE('"application_id":"', attributes) > 0
  AND LOCATE('"', attributes, LOCATE('"application_id":"', attributes) + 18) - LOCATE('"application_id":"', attributes) - 18
      BETWEEN 1 AND 100;
UPDATE audit_record
SET requisition_ref = SUBSTRING(attributes, LOCATE('"requisition_id":"', attributes) + 18,
        LOCATE('"', attributes, LOCATE('"requisition_id":"', attributes) + 18) - LOCATE('"requisition_id":"', attributes) - 18)
WHERE LOCATE('"requisition_id":"', attributes) > 0
  AND LOCATE('"', attributes, LOCATE('"requisition_id":"', attributes) + 18) - LOCATE('"requisition_id":"', attributes) - 18
      BETWEEN 1 AND 100;
-- A value that is not an id (a space, a JSON escape such as \" or \u0007, a character beyond ASCII) is not one the
-- service would index: cleared, as an append of the same record would leave it.
UPDATE audit_record SET candidate_ref = ''
WHERE LOCATE(' ', candidate_ref) > 0 OR LOCATE(CHAR(92), candidate_ref) > 0
   OR OCTET_LENGTH(candidate_ref) <> CHAR_LENGTH(candidate_ref);
UPDATE audit_record SET application_ref = ''
WHERE LOCATE(' ', application_ref) > 0 OR LOCATE(CHAR(92), application_ref) > 0
   OR OCTET_LENGTH(application_ref) <> CHAR_LENGTH(application_ref);
UPDATE audit_record SET requisition_ref = ''
WHERE LOCATE(' ', requisition_ref) > 0 OR LOCATE(CHAR(92), requisition_ref) > 0
   OR OCTET_LENGTH(requisition_ref) <> CHAR_LENGTH(requisition_ref);

CREATE INDEX audit_record_candidate ON audit_record (tenant_id, candidate_ref, sequence);
CREATE INDEX audit_record_application ON audit_record (tenant_id, application_ref, sequence);
CREATE INDEX audit_record_requisition ON audit_record (tenant_id, requisition_ref, sequence);
CREATE INDEX audit_record_actor ON audit_record (tenant_id, actor, sequence);
