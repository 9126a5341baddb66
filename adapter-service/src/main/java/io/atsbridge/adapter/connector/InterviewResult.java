package io.atsbridge.adapter.connector;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What an AI vendor's {@code interview.completed} event says: the interview, the ids atsbridge gave
 * the vendor, and the result with its provenance (model, prompt). Scores are on explicit scales.
 *
 * @param recommendation {@code advance}, {@code maybe} or {@code pass} as the vendor spells it (lower case), or null
 * @param confidence     0.0..1.0; 0 when the vendor gives none
 * @param completedAt    when the candidate completed the interview, or null when the vendor does not say
 */
public record InterviewResult(
        String interviewId,
        String candidateExternalId,
        String jobExternalId,
        Map<String, String> metadata,
        double score,
        double scaleMin,
        double scaleMax,
        @Nullable String recommendation,
        List<CompetencyResult> competencies,
        String rationale,
        double confidence,
        List<String> skills,
        @Nullable String transcriptUrl,
        @Nullable String recordingUrl,
        String modelId,
        String modelVersion,
        String promptVersion,
        @Nullable Instant completedAt) {

    /** One competency's score on its scale. */
    public record CompetencyResult(String name, double score, double scaleMin, double scaleMax, String rationale) {
    }

    public InterviewResult {
        metadata = Map.copyOf(metadata);
        competencies = List.copyOf(competencies);
        skills = List.copyOf(skills);
    }

    @Override
    public String toString() {
        return "InterviewResult[" + interviewId + ", score " + score + " on " + scaleMin + ".." + scaleMax + ", model "
                + modelId + " " + modelVersion + ", prompt " + promptVersion + "]";
    }
}
