package io.atsbridge.adapter.engine.domain;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;

/**
 * One trip through the loop: an application entered the trigger stage of an ATS connection, the
 * candidate was invited to an AI interview, and its result is written back. Identified by (ATS
 * connection, application, trigger stage), so a stage change sent again never starts a second interview.
 *
 * @param candidateId        identity-service's canonical candidate id
 * @param applicationId      identity-service's canonical application id (the audit subject)
 * @param traceId            ties every audit record of the case together
 * @param triggerEventId     the inbox event that started (or restarted) the case
 * @param writerEventId      the inbox event writing the result back, while WRITING
 * @param triggerReceiveTime when the edge received the stage change
 */
public record LoopCase(
        String id,
        String tenantId,
        String atsConnectionId,
        String applicationExternalId,
        String candidateExternalId,
        @Nullable String jobExternalId,
        String triggerStageId,
        String candidateId,
        String applicationId,
        String aiConnectionId,
        @Nullable String interviewId,
        String traceId,
        LoopCaseStatus status,
        String triggerEventId,
        @Nullable String writerEventId,
        Instant triggerReceiveTime,
        @Nullable Instant inviteTime,
        @Nullable Instant completeTime,
        @Nullable Instant writeTime,
        @Nullable String detail,
        Instant createTime,
        Instant updateTime) {
}
