-- all_parties: the evidence of a ledger entry shows that every party to a recorded conversation consented,
-- not only the candidate (all-party recording laws such as Cal. Penal Code 632 ask for that). Entries stored
-- before the column existed were never checked for it and count as the candidate's consent alone.
ALTER TABLE consent_entry ADD COLUMN all_parties BOOLEAN NOT NULL DEFAULT FALSE;
