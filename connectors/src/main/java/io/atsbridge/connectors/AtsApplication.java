package io.atsbridge.connectors;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An application (Greenhouse application, Lever opportunity, Ashby application) as the ATS's API returns
 * it, reduced to what the sync engine reads.
 *
 * @param status            the ATS's status, lower case, as the vendor names it: {@code active} (Greenhouse v1,
 *                          Lever, Ashby) or {@code in_process} (Greenhouse v3), {@code rejected}, {@code hired},
 *                          {@code converted}, {@code archived}, ...
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

    /** Whether the application is open (not rejected, hired, converted or archived). */
    public boolean active() {
        // Greenhouse v3 calls an open application in_process (and lists them with status=active).
        return "active".equalsIgnoreCase(status) || "in_process".equalsIgnoreCase(status);
    }
}
