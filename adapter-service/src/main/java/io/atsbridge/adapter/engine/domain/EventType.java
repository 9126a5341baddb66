package io.atsbridge.adapter.engine.domain;

/** The canonical meaning of a vendor event. Names match {@code atsbridge.common.v1.EventType} without its prefix. */
public enum EventType {
    APPLICATION_CREATED, STAGE_CHANGED, HIRED, UNHIRED, REJECTED, UNREJECTED, CANDIDATE_UPDATED, CANDIDATE_MERGED,
    CANDIDATE_DELETED, APPLICATION_DELETED, CANDIDATE_ANONYMIZED, JOB_CHANGED, OFFER_CHANGED, INTERVIEW_COMPLETED, OTHER
}
