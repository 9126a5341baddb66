package io.atsbridge.sandbox.greenhouse;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
    /**
     * Every stage the application has been in, oldest first; the last is the current one. Harvest v3 lists
     * them as {@code GET /v3/application_stages} rows and gives the current row's id as the application's
     * {@code stage_id}.
     */
    final List<StageVisit> visits = new ArrayList<>();
    /** Take-home tests sent and not yet answered: an attachment of type {@code take_home_test} needs one. */
    int outstandingTakeHomeTests;
    /** The application's offer, as attachments of type {@code offer_letter} and {@code signed_offer_letter} need. */
    GreenhouseSimulator.OfferStatus offer = GreenhouseSimulator.OfferStatus.NONE;

    /** One stay in a stage: an application-stage row. exitedAt is null while it is the current one. */
    static final class StageVisit {
        final long id;
        final long jobStageId;
        final Instant enteredAt;
        @Nullable
        Instant exitedAt;

        StageVisit(long id, long jobStageId, Instant enteredAt) {
            this.id = id;
            this.jobStageId = jobStageId;
            this.enteredAt = enteredAt;
        }
    }

    /** The current application-stage row. */
    StageVisit currentVisit() {
        return visits.get(visits.size() - 1);
    }

    /** Enters a stage: the current row ends now and a new one starts. */
    void enter(long visitId, long jobStageId, Instant now) {
        if (!visits.isEmpty()) {
            currentVisit().exitedAt = now;
        }
        visits.add(new StageVisit(visitId, jobStageId, now));
        currentStageId = jobStageId;
    }

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
