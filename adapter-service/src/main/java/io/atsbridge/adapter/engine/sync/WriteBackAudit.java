package io.atsbridge.adapter.engine.sync;

import io.atsbridge.adapter.engine.domain.LoopCase;
import io.atsbridge.adapter.engine.domain.WriteConflict;
import io.atsbridge.connectors.AtsNote;
import io.atsbridge.connectors.aivendor.InterviewResult;
import io.atsbridge.proto.mapping.v1.WritePlan;
import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The attributes of the write-back's audit records — ids, keys, counts and versions, never a field's value —
 * and the outcome text of a write-back for people.
 */
final class WriteBackAudit {

    private WriteBackAudit() {
    }

    /** The references of an event's webhook.received record with how the event ended. */
    static Map<String, String> withOutcome(Map<String, String> refs, String outcome) {
        Map<String, String> attributes = new LinkedHashMap<>(refs);
        attributes.put("outcome", outcome);
        return attributes;
    }

    /** result.received: which interview, scored by which model and prompt, for which case. */
    static Map<String, String> resultReceived(InterviewResult result, LoopCase loopCase) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("interview_id", result.interviewId());
        attributes.put("model_id", result.modelId());
        attributes.put("model_version", result.modelVersion());
        attributes.put("prompt_version", result.promptVersion());
        attributes.put("case_id", loopCase.id());
        return attributes;
    }

    /** writeback.conflict: the field key and its scope only, as the values may be personal data. */
    static Map<String, String> conflict(WriteConflict conflict, String caseId, String interviewId) {
        Map<String, String> about = new LinkedHashMap<>();
        about.put("field_key", conflict.fieldKey());
        about.put("scope", conflict.scope());
        about.put("case_id", caseId);
        about.put("interview_id", interviewId);
        return about;
    }

    /** writeback.blocked: the consent decision that stopped the write-back and the rules it found unmet. */
    /** A held write-back's record: {@link #writeBlocked} and the moment it is written at. */
    static Map<String, String> writeDeferred(String decision, List<String> unsatisfied, String caseId, String interviewId,
                                             Instant earliest) {
        Map<String, String> attributes = writeBlocked(decision, unsatisfied, caseId, interviewId);
        attributes.put("earliest_time", earliest.toString());
        return attributes;
    }

    static Map<String, String> writeBlocked(String decision, List<String> unsatisfied, String caseId, String interviewId) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("decision", decision);
        attributes.put("unsatisfied_rule_ids", AuditRecords.join(unsatisfied));
        attributes.put("case_id", caseId);
        attributes.put("interview_id", interviewId);
        return attributes;
    }

    /**
     * What one write-back did, for its writeback.written record and the event's outcome.
     *
     * @param rescored whether the case held an earlier result (this one re-scores it)
     * @param note     the note on the feed, when the plan has one
     */
    record Written(PlannedWrites writes, WritePlan plan, boolean rescored, @Nullable AtsNote note, String interviewId,
                   LoopCase loopCase) {

        /** writeback.written: the keys written, left to a person and kept for one, the profile, the note and the counts. */
        Map<String, String> attributes() {
            Map<String, String> attributes = new LinkedHashMap<>();
            attributes.put("field_keys", AuditRecords.join(writes.fieldKeys()));
            attributes.put("conflict_field_keys", AuditRecords.join(writes.conflictKeys()));
            attributes.put("kept_field_keys", AuditRecords.join(writes.keptKeys()));
            attributes.put("rescored", Boolean.toString(rescored));
            attributes.put("profile_id", plan.getProfileId());
            attributes.put("profile_version", Integer.toString(plan.getProfileVersion()));
            attributes.put("note_id", note == null ? "" : note.id());
            attributes.put("tag_count", Integer.toString(plan.getTagsCount()));
            attributes.put("dropped_count", Integer.toString(plan.getDroppedCount()));
            attributes.put("interview_id", interviewId);
            attributes.put("application_external_id", loopCase.applicationExternalId());
            attributes.put("case_id", loopCase.id());
            return attributes;
        }

        /** The outcome for people: what was written where, with which profile, and what was left out or to a person. */
        String detail() {
            List<String> fieldKeys = writes.fieldKeys();
            List<String> conflictKeys = writes.conflictKeys();
            return (rescored ? "re-scored result: " : "") + "wrote " + fieldKeys.size() + " field(s) " + fieldKeys
                    + ", " + plan.getTagsCount() + " tag(s)"
                    + (note == null ? "" : " and note " + note.id()) + " to application " + loopCase.applicationExternalId()
                    + " with mapping profile " + plan.getProfileId() + " v" + plan.getProfileVersion()
                    + (conflictKeys.isEmpty() ? "" : "; left to a person's edit (conflict for review): " + conflictKeys)
                    + (writes.keptKeys().isEmpty() ? "" : "; kept as a person set them: " + writes.keptKeys())
                    + (plan.getDroppedCount() == 0 ? "" : "; left out: " + dropped(plan));
        }

        private static String dropped(WritePlan plan) {
            List<String> reasons = new ArrayList<>();
            plan.getDroppedList().forEach(item -> reasons.add(item.getSource().name() + " " + item.getReason()));
            return String.join(", ", reasons);
        }
    }
}
