package io.atsbridge.adapter.connector;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An application (Greenhouse application, Lever opportunity, Ashby application) as the ATS's API returns
 * it, reduced to what the sync engine reads.
 *
 * @param status            the ATS's status, lower case: {@code active}, {@code rejected}, {@code hired},
 *                          {@code archived}, ... (as the vendor names it)
 * @param jobIds            the application's jobs (one for a candidate application, none for a prospect)
 * @param customFieldValues the application's custom field values by immutable field key; empty when the
 *                          ATS has no application custom fields
 * @param updatedAt         when the ATS last changed the application; null when it does not say
 */
public record AtsApplication(
        String id,
        String candidateId,
        String status,
        List<String> jobIds,
        @Nullable String currentStageId,
        @Nullable String currentStageName,
        Map<String, JsonNode> customFieldValues,
        @Nullable Instant updatedAt) {

    public AtsApplication {
        jobIds = List.copyOf(jobIds);
        customFieldValues = Map.copyOf(customFieldValues);
    }

    /** Whether the application is open (not rejected, hired or archived). */
    public boolean active() {
        return "active".equalsIgnoreCase(status);
    }
}
