-- Whatever trigger fires (a stage, a new application, a tag, an explicit request), a candidate is screened for a job
-- once: the engine looks up the cases of (ATS connection, candidate, job) before it starts one.
CREATE INDEX loop_case_candidate_job ON loop_case (ats_connection_id, candidate_external_id, job_external_id);
