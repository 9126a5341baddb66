package io.atsbridge.connectors;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

/**
 * A candidate (Greenhouse candidate, Lever contact, Ashby candidate) as the ATS API returns it, reduced
 * to what the sync engine reads. It holds personal
 * data: never log it; {@link #toString()} prints ids only.
 *
 * @param emails            the e-mail addresses, primary first
 * @param tags              the candidate's tags, in Greenhouse's order
 * @param customFieldValues the candidate's custom field values by immutable field key (empty when the ATS has none)
 * @param updatedAt         the ATS's last-change time, as sent (ISO-8601 or epoch milliseconds)
 */
public record AtsCandidate(
        String id,
        String firstName,
        String lastName,
        List<String> emails,
        List<String> tags,
        List<String> applicationIds,
        Map<String, JsonNode> customFieldValues,
        String updatedAt) {

    public AtsCandidate {
        emails = List.copyOf(emails);
        tags = List.copyOf(tags);
        applicationIds = List.copyOf(applicationIds);
        customFieldValues = Map.copyOf(customFieldValues);
    }

    @Override
    public String toString() {
        return "AtsCandidate[" + id + ", " + tags.size() + " tag(s), applications " + applicationIds + "]";
    }
}
