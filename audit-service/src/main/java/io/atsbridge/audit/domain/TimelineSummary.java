package io.atsbridge.audit.domain;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * One sentence for people saying what a record says, from its action and attributes only: what the loop's producers
 * write (adapter-service's steps, reads of personal data) gets words, anything else its action and attributes as they
 * are. Never adds what the record does not hold.
 */
final class TimelineSummary {

    private TimelineSummary() {
    }

    static String of(RecordContent record) {
        Map<String, String> a = record.attributes();
        String said = switch (record.action()) {
            case "webhook.received" -> "event " + get(a, "vendor_event_type") + " (" + get(a, "event_type") + ") from "
                    + get(a, "vendor") + " received" + optional(a, "outcome", ": ");
            case "consent.decided" -> "consent " + get(a, "decision") + " for " + get(a, "action") + " by rules "
                    + get(a, "rule_ids") + optional(a, "unsatisfied_rule_ids", "; unmet: ")
                    + " (rule pack " + get(a, "rule_pack_version") + ", jurisdictions " + get(a, "jurisdictions")
                    + optional(a, "data_categories", ", data ") + ")";
            case "interview.invited" -> "interview " + get(a, "interview_id") + " invited at " + get(a, "ai_connection_id")
                    + optional(a, "interview_kit_id", " with kit ");
            case "interview.blocked" -> "interview not started: " + (a.containsKey("reason") ? get(a, "reason")
                    : get(a, "decision") + " for " + get(a, "action")) + optional(a, "unsatisfied_rule_ids", "; unmet: ");
            case "result.received" -> "result of interview " + get(a, "interview_id") + " received, scored by model "
                    + get(a, "model_id") + " " + get(a, "model_version") + " with prompt " + get(a, "prompt_version");
            case "writeback.written" -> "wrote fields " + get(a, "field_keys") + " to application "
                    + get(a, "application_external_id") + " with mapping profile " + get(a, "profile_id") + " v"
                    + get(a, "profile_version") + optional(a, "conflict_field_keys", "; left to a person: ")
                    + optional(a, "kept_field_keys", "; kept as a person set them: ")
                    + optional(a, "note_id", "; note ");
            case "writeback.conflict" -> "field " + get(a, "field_key") + " not written: a person changed it (conflict "
                    + "for review)";
            case "writeback.blocked" -> "results not written: consent " + get(a, "decision")
                    + optional(a, "unsatisfied_rule_ids", "; unmet: ");
            case "personal_data.read" -> "read through " + get(a, "method") + ": " + get(a, "answered_records")
                    + " record(s), personal fields " + get(a, "personal_fields");
            default -> record.action() + (a.isEmpty() ? "" : " " + a.entrySet().stream()
                    .map(entry -> entry.getKey() + "=" + entry.getValue()).collect(Collectors.joining(", ")));
        };
        return said + " (by " + record.actor() + ")";
    }

    private static String get(Map<String, String> attributes, String key) {
        return attributes.getOrDefault(key, "?");
    }

    private static String optional(Map<String, String> attributes, String key, String prefix) {
        String value = attributes.getOrDefault(key, "");
        return value.isEmpty() ? "" : prefix + value;
    }
}
