package io.atsbridge.adapter.connector;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.core.annotation.Nullable;

import java.util.List;
import java.util.Map;

/**
 * A Greenhouse application as Harvest v1 returns it, reduced to what the loop reads.
 *
 * @param jobIds            the application's jobs (one for a candidate application, none for a prospect)
 * @param customFieldValues the application's custom field values by immutable field key (keyed_custom_fields)
 */
public record GreenhouseApplication(
        String id,
        String candidateId,
        String status,
        List<String> jobIds,
        @Nullable String currentStageId,
        @Nullable String currentStageName,
        Map<String, JsonNode> customFieldValues) {

    public GreenhouseApplication {
        jobIds = List.copyOf(jobIds);
        customFieldValues = Map.copyOf(customFieldValues);
    }
}
