package io.atsbridge.audit.domain;

import io.atsbridge.platform.privacy.AuditPeerReadLog;
import io.atsbridge.platform.privacy.PersonalDataRead;
import io.atsbridge.platform.privacy.ReadLog;
import io.micronaut.context.annotation.Replaces;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * audit-service records reads of its own log (QueryRecords) in that log directly, in the tenant whose records were
 * read, rather than calling itself.
 */
@Singleton
@Replaces(AuditPeerReadLog.class)
final class LocalReadLog implements ReadLog {

    private final AuditLog log;

    LocalReadLog(AuditLog log) {
        this.log = log;
    }

    @Override
    public void record(PersonalDataRead read) {
        try {
            log.append(read.tenantId(), List.of(new RecordContent(read.recordId(), read.traceId(), PersonalDataRead.ACTION,
                    read.actor(), read.subjectRef(), read.connectionId(), read.attributes(), read.answerSha256(),
                    read.readTime())));
        } catch (RuntimeException e) {
            throw new ReadNotRecordedException("the audit log did not take the record of this read: " + e.getMessage(), e);
        }
    }
}
