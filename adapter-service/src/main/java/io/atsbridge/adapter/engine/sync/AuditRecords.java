package io.atsbridge.adapter.engine.sync;

import io.atsbridge.adapter.engine.domain.AuditEntry;
import io.atsbridge.adapter.engine.domain.ClaimedEvent;
import io.atsbridge.proto.consent.v1.EvaluatePolicyResponse;
import io.atsbridge.proto.consent.v1.PolicyAction;
import io.atsbridge.proto.consent.v1.RuleOutcome;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the adapter's audit records: ids, codes and versions only, never personal data. */
final class AuditRecords {

    static final String ACTOR = "adapter-service";
    static final String WEBHOOK_RECEIVED = "webhook.received";
    static final String CONSENT_DECIDED = "consent.decided";
    static final String INTERVIEW_INVITED = "interview.invited";
    static final String INTERVIEW_BLOCKED = "interview.blocked";
    static final String RESULT_RECEIVED = "result.received";
    static final String WRITEBACK_WRITTEN = "writeback.written";
    /** Consent no longer allowed writing the results (withdrawn after the interview): nothing was written. */
    static final String WRITEBACK_BLOCKED = "writeback.blocked";
    /** The write-back waits for a notice period to pass: held, and written at {@code earliest_time} without anyone acting. */
    static final String WRITEBACK_DEFERRED = "writeback.deferred";
    /** A field value was not written because a person had changed it: a conflict for review. */
    static final String WRITEBACK_CONFLICT = "writeback.conflict";
    /** An operator resolved a conflict (KEEP_THEIRS or APPLY_OURS). */
    static final String CONFLICT_RESOLVED = "writeback.conflict_resolved";
    /** The ATS merged two candidate records; identity now resolves both to one canonical candidate. */
    static final String CANDIDATE_MERGED = "candidate.merged";
    /** A case that ended without a written result was told to the recruiter on the ATS record. */
    static final String ENDING_NOTED = "loop.ending_noted";
    /** The configured next step after a written result: taken, not cleared, turned into a task for a person, or skipped. */
    static final String NEXT_STEP = "loop.next_step";
    /** audit-service takes attribute values of at most 256 characters. */
    static final int MAX_VALUE = 256;

    private AuditRecords() {
    }

    /** A record of one step of the event, its id derived from trace, action and event so retries are duplicates. */
    static AuditEntry record(ClaimedEvent event, String traceId, String action, String subjectRef, String connectionId,
                             Map<String, String> attributes, byte[] payloadSha256, Instant at) {
        Map<String, String> cleaned = new LinkedHashMap<>();
        attributes.forEach((key, value) -> {
            if (value != null && !value.isEmpty()) {
                cleaned.put(key, value(value));
            }
        });
        return new AuditEntry(event.tenantId(), LoopIds.recordId(traceId, action, event.id()), traceId, action, subjectRef,
                connectionId, cleaned, payloadSha256, at);
    }

    /**
     * A record of one of several things of the same step (e.g. one conflict per field), its id derived
     * from trace, action, event and what tells them apart, so retries are duplicates.
     */
    static AuditEntry record(ClaimedEvent event, String traceId, String action, String discriminator, String subjectRef,
                             String connectionId, Map<String, String> attributes, Instant at) {
        AuditEntry entry = record(event, traceId, action, subjectRef, connectionId, attributes, new byte[0], at);
        return new AuditEntry(entry.tenantId(), LoopIds.sha256Hex(entry.recordId() + "/" + discriminator), traceId, action,
                subjectRef, connectionId, entry.attributes(), new byte[0], at);
    }

    /** webhook.received for the event, with the SHA-256 of its raw body. */
    static AuditEntry received(ClaimedEvent event, String traceId, String subjectRef, Map<String, String> extra, Instant at) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("inbox_event_id", event.id());
        attributes.put("delivery_key", event.deliveryKey());
        attributes.put("event_type", event.eventType().name());
        attributes.put("vendor_event_type", event.vendorEventType());
        attributes.put("vendor", event.vendor().name());
        attributes.putAll(extra);
        return record(event, traceId, WEBHOOK_RECEIVED, subjectRef, event.connectionId(), attributes,
                LoopIds.sha256(event.rawBody()), at);
    }

    /** The attributes of a {@link #CONSENT_DECIDED} record: the question asked and every rule that answered it. */
    static Map<String, String> consentDecision(PolicyAction action, EvaluatePolicyResponse decision, List<String> jurisdictions,
                                               List<String> dataCategories, String candidateId) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("action", action.name());
        attributes.put("decision", decision.getDecision().name());
        // A rule answers once per matched category; the record names each rule once.
        attributes.put("rule_ids", join(decision.getRulesList().stream().map(RuleOutcome::getRuleId).distinct().toList()));
        attributes.put("unsatisfied_rule_ids", join(unsatisfied(decision)));
        attributes.put("rule_pack_version", decision.getRulePackVersion());
        attributes.put("jurisdictions", join(jurisdictions));
        attributes.put("data_categories", join(dataCategories));
        attributes.put("candidate_id", candidateId);
        return attributes;
    }

    /** The ids of the rules the decision found unmet, each once, in its order. */
    static List<String> unsatisfied(EvaluatePolicyResponse decision) {
        return decision.getRulesList().stream().filter(rule -> !rule.getSatisfied()).map(RuleOutcome::getRuleId).distinct()
                .toList();
    }

    /** Values joined with ',' and cut to what audit-service takes. */
    static String join(Collection<String> values) {
        return value(String.join(",", values));
    }

    private static String value(String value) {
        String oneLine = value.replaceAll("\\p{Cntrl}", " ");
        return oneLine.length() <= MAX_VALUE ? oneLine : oneLine.substring(0, MAX_VALUE - 3) + "...";
    }
}
