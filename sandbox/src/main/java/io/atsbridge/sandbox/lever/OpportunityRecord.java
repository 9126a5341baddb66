package io.atsbridge.sandbox.lever;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** An opportunity's mutable state inside the simulator; guarded by the simulator's lock. */
final class OpportunityRecord {

    final String id;
    final String contactId;
    final String origin;
    final List<String> sources;
    final Instant createdAt;
    final List<String> tags = new ArrayList<>();
    final List<LeverStageChange> stageChanges = new ArrayList<>();
    final List<String> applicationIds = new ArrayList<>();
    final List<LeverNote> notes = new ArrayList<>();
    String stageId;
    @Nullable
    LeverArchiveState archived;
    Instant updatedAt;
    Instant lastAdvancedAt;

    OpportunityRecord(String id, String contactId, String origin, List<String> sources, String stageId, Instant createdAt) {
        this.id = id;
        this.contactId = contactId;
        this.origin = origin;
        this.sources = List.copyOf(sources);
        this.stageId = stageId;
        this.createdAt = createdAt;
        this.updatedAt = createdAt;
        this.lastAdvancedAt = createdAt;
    }
}
