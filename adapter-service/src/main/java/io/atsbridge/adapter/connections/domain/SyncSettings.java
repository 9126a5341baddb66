package io.atsbridge.adapter.connections.domain;

import io.micronaut.core.annotation.Nullable;

import java.util.List;
import java.util.regex.Pattern;

/**
 * How the loop runs for an ATS connection: entering {@code triggerStage} starts an AI interview at
 * {@code aiConnectionId}; its results are written back with {@code mappingProfileId}, attributed to
 * the ATS user {@code onBehalfOf}.
 *
 * @param triggerStage         the ATS stage name whose entry starts an interview, compared ignoring case
 * @param mappingProfileId     the mapping-service profile results are written back with
 * @param aiConnectionId       the AI_VENDOR connection of the same tenant interviews are created with
 * @param onBehalfOf           the ATS user id writes are attributed to (Greenhouse On-Behalf-Of)
 * @param interviewKitId       the AI vendor's interview kit invitations use
 * @param defaultJurisdictions the jurisdiction codes assumed when the candidate's record names none
 * @param jurisdictionField    the ATS candidate custom field (immutable key) whose value holds the
 *                             candidate's jurisdiction code(s), or null when the ATS record has none
 */
public record SyncSettings(
        String triggerStage,
        String mappingProfileId,
        String aiConnectionId,
        String onBehalfOf,
        String interviewKitId,
        List<String> defaultJurisdictions,
        @Nullable String jurisdictionField) {

    /** Jurisdiction codes: a region, then up to two subdivisions, e.g. EU, US-IL, US-NY-NYC (as identity and consent accept). */
    public static final Pattern JURISDICTION = Pattern.compile("[A-Z]{2}(-[A-Z0-9]{1,3}){0,2}");

    public SyncSettings {
        defaultJurisdictions = List.copyOf(defaultJurisdictions);
    }

    /** Whether an ATS stage name is the trigger stage: trimmed, ignoring case, as recruiters rename stages freely. */
    public boolean isTriggerStage(String stageName) {
        return triggerStage.trim().equalsIgnoreCase(stageName.trim());
    }
}
