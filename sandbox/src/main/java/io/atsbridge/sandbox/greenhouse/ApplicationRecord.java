package io.atsbridge.sandbox.greenhouse;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;

/** An application's mutable state; only touched while holding the simulator's lock. */
final class ApplicationRecord {

    final long id;
    final long candidateId;
    final long jobId;
    long currentStageId;
    String status;
    final Instant appliedAt;
    Instant lastActivityAt;
    /** Custom field id to stored value (see {@link CustomFieldValues}). */
    final Map<Long, Object> customFields = new LinkedHashMap<>();
    final List<GreenhouseAttachment> attachments = new ArrayList<>();

    ApplicationRecord(long id, long candidateId, long jobId, long currentStageId, String status, Instant now) {
        this.id = id;
        this.candidateId = candidateId;
        this.jobId = jobId;
        this.currentStageId = currentStageId;
        this.status = status;
        this.appliedAt = now;
        this.lastActivityAt = now;
    }
}
