package io.atsbridge.adapter.engine.sync;

import io.atsbridge.adapter.engine.domain.AuditEntry;
import io.atsbridge.adapter.engine.domain.EventStatus;

import java.util.List;

/**
 * How processing an event ended, for the inbox row, with the audit records stored alongside.
 *
 * @param text what happened, for people
 */
record Outcome(EventStatus status, String text, List<AuditEntry> audit) {

    Outcome {
        audit = List.copyOf(audit);
    }

    static Outcome done(String text, List<AuditEntry> audit) {
        return new Outcome(EventStatus.DONE, text, audit);
    }

    static Outcome ignored(String text, List<AuditEntry> audit) {
        return new Outcome(EventStatus.IGNORED, text, audit);
    }

    static Outcome blocked(String text, List<AuditEntry> audit) {
        return new Outcome(EventStatus.BLOCKED, text, audit);
    }
}
