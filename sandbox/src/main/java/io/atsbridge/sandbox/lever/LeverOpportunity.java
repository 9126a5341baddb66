package io.atsbridge.sandbox.lever;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.List;

/**
 * An opportunity (one candidacy of a contact) as it is now. Holds personal data; {@link #toString()} prints ids only.
 *
 * @param stageId        the current stage
 * @param stageChanges   every stage it entered, oldest first (the first is where it was created)
 * @param archived       why and when it was archived; null while it is active
 * @param applicationIds its applications, oldest first
 * @param postingIds     the postings of its applications (none for a sourced candidate without a posting)
 * @param updatedAt      moved by every change (stage, archive, tags, notes)
 */
public record LeverOpportunity(String id, String contactId, String name, List<String> emails, List<String> tags,
                               String stageId, List<LeverStageChange> stageChanges, @Nullable LeverArchiveState archived,
                               List<String> applicationIds, List<String> postingIds, @Nullable String location,
                               String origin, Instant createdAt, Instant updatedAt) {

    public LeverOpportunity {
        emails = List.copyOf(emails);
        tags = List.copyOf(tags);
        stageChanges = List.copyOf(stageChanges);
        applicationIds = List.copyOf(applicationIds);
        postingIds = List.copyOf(postingIds);
    }

    @Override
    public String toString() {
        return "LeverOpportunity[" + id + ", contact " + contactId + ", stage " + stageId
                + (archived == null ? "" : ", archived") + "]";
    }
}
