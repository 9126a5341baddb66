package io.atsbridge.adapter.connector;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

/**
 * A Greenhouse candidate as Harvest v1 returns it, reduced to what the loop reads. It holds personal
 * data: never log it; {@link #toString()} prints ids only.
 *
 * @param emails            the e-mail addresses, primary first
 * @param tags              the candidate's tags, in Greenhouse's order
 * @param customFieldValues the candidate's custom field values by immutable field key (keyed_custom_fields)
 * @param updatedAt         Greenhouse's updated_at, as sent
 */
public record GreenhouseCandidate(
        String id,
        String firstName,
        String lastName,
        List<String> emails,
        List<String> tags,
        List<String> applicationIds,
        Map<String, JsonNode> customFieldValues,
        String updatedAt) {

    public GreenhouseCandidate {
        emails = List.copyOf(emails);
        tags = List.copyOf(tags);
        applicationIds = List.copyOf(applicationIds);
        customFieldValues = Map.copyOf(customFieldValues);
    }

    @Override
    public String toString() {
        return "GreenhouseCandidate[" + id + ", " + tags.size() + " tag(s), applications " + applicationIds + "]";
    }
}
